// A consumer process for the multi-process groups test: subscribes with groupConcurrency, reports
// each handler start to the parent over IPC, and holds the handler until the parent releases
// that message; then reports it done and returns (the core acks it).
import { createRedisQueue } from '../../src/create-redis-queue.js';

interface WorkerConfig {
  url: string;
  prefix: string;
  queueName: string;
  concurrency: number;
  groupConcurrency: number;
  /** Long, so that a wake-up that never arrives shows as a stalled test rather than a late recheck. */
  recheckIntervalMs: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;

function send(message: object): Promise<void> {
  return new Promise((resolve, reject) => process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())));
}

const released = new Map<string, () => void>();
process.on('message', (message: { type?: string; id?: string }) => {
  if (message.type === 'release' && message.id !== undefined) released.get(message.id)?.();
  if (message.type === 'stop') void queue.disconnect().then(() => process.exit(0));
});

const queue = createRedisQueue({ url: config.url, prefix: config.prefix, recheckIntervalMs: config.recheckIntervalMs });
queue.on('error', () => undefined);
await queue.connect();
queue.subscribe(
  config.queueName,
  async (message) => {
    const hold = new Promise<void>((resolve) => released.set(message.id, resolve));
    await send({ type: 'start', id: message.id, group: (message.payload as { g: string }).g, attempt: message.attempts, pid: process.pid });
    await hold;
    released.delete(message.id);
    await send({ type: 'done', id: message.id, attempt: message.attempts, pid: process.pid });
  },
  { concurrency: config.concurrency, groupConcurrency: config.groupConcurrency },
);
await send({ type: 'ready', pid: process.pid });
