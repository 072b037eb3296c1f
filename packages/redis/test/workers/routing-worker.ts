// A second process for the routing tests: runs bind / unbind / listBindings / publish on its own
// queue (its own connection, same key prefix) when the parent asks over IPC, and answers each.
import { createRedisQueue } from '../../src/create-redis-queue.js';

interface WorkerConfig {
  url: string;
  prefix: string;
}
type Request =
  | { type: 'bind' | 'unbind'; seq: number; binding: { pattern: string; queue: string } }
  | { type: 'list'; seq: number }
  | { type: 'publish'; seq: number; topic: string; id: string }
  | { type: 'stop'; seq: number };

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const send = (message: object): Promise<void> => new Promise((resolve, reject) => process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())));

const queue = createRedisQueue({ url: config.url, prefix: config.prefix });
queue.on('error', () => undefined);
await queue.connect();
process.on('message', (request: Request) => {
  const answer = async (): Promise<unknown> => {
    switch (request.type) {
      case 'bind':
        return queue.bind(request.binding);
      case 'unbind':
        return queue.unbind(request.binding);
      case 'list':
        return queue.listBindings();
      case 'publish':
        return queue.publish(request.topic, queue.createMessage('t', { from: process.pid }, { id: request.id }));
      case 'stop':
        await queue.disconnect();
        return process.exit(0);
    }
  };
  void answer().then(
    (result) => send({ type: 'done', seq: request.seq, result: result ?? null, pid: process.pid }),
    (error: unknown) => send({ type: 'done', seq: request.seq, error: String(error), pid: process.pid }),
  );
});
await send({ type: 'ready', pid: process.pid });
