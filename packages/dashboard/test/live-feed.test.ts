import { get, type IncomingMessage } from 'node:http';
import { ManualClock } from '@mq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { FLUSH_MS } from '../src/live-feed.js';
import { makeDeadLetter, startDashboardApp, type DashboardApp } from './support/start-dashboard-app.js';

let app: DashboardApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The server-sent events of one stream: each `event:` with its parsed `data:`, as they arrive. */
function openStream(url: string): Promise<{ response: IncomingMessage; next(name: string): Promise<unknown> }> {
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

describe('the event stream (GET /api/events)', () => {
  it('says hello, then pushes enqueues and dead letters in one batch per FLUSH_MS, and counts them into the history', async () => {
    const clock = new ManualClock();
    app = await startDashboardApp({ clock });
    const stream = await openStream(`${app.url}/api/events`);
    expect(stream.response.headers['content-type']).toContain('text/event-stream');
    expect(await stream.next('hello')).toEqual({ at: clock.now() });
    const dead = await makeDeadLetter(app.queue, 'jobs', { n: 1 });
    await clock.advance(FLUSH_MS);
    const batch = (await stream.next('activity')) as { events: { event: string; id: string; queueName: string }[]; dropped: number };
    expect(batch.events.map((e) => [e.event, e.id, e.queueName])).toEqual([
      ['enqueued', dead, 'jobs'],
      ['deadLetter', dead, 'jobs'],
    ]);
    expect(batch.dropped).toBe(0);
    stream.response.destroy();
  });

  it('close() ends the open streams and stops listening to the queue', async () => {
    app = await startDashboardApp();
    const stream = await openStream(`${app.url}/api/events`);
    await stream.next('hello');
    const ended = new Promise((resolve) => stream.response.on('end', resolve));
    expect(app.queue.listenerCount('enqueued')).toBe(1);
    app.dashboard.close();
    await ended;
    expect(app.queue.listenerCount('enqueued')).toBe(0);
  });
});
