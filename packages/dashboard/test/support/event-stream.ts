import { get, type IncomingMessage } from 'node:http';

/** The server-sent events of one stream: each `event:` with its parsed `data:`, as they arrive. */
export function openStream(url: string): Promise<{ response: IncomingMessage; next(name: string): Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const events: { name: string; data: unknown }[] = [];
      const waiting: { name: string; resolve(data: unknown): void }[] = [];
      let buffer = '';
      const settle = () => {
        for (const w of [...waiting]) {
          const i = events.findIndex((e) => e.name === w.name);
          if (i === -1) continue;
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(events.splice(i, 1)[0]?.data);
        }
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (name !== undefined && data !== undefined) events.push({ name, data: JSON.parse(data) });
        }
        settle();
      });
      const next = (name: string) =>
        new Promise<unknown>((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`no "${name}" event within 5 s`)), 5000);
          waiting.push({ name, resolve: (data) => (clearTimeout(timer), done(data)) });
          settle();
        });
      resolve({ response, next });
    }).on('error', reject);
  });
}
