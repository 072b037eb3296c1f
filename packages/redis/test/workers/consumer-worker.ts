// A consumer process for the multi-process tests: subscribes to one queue and reports every
// handler start and finish to the parent over IPC, before the handler returns.
import { createRedisQueue } from '../../src/create-redis-queue.js';

interface WorkerConfig {
  url: string;
  prefix: string;
  queueName: string;
  concurrency: number;
  leaseMs: number;
  /** Message ids whose first attempt hangs forever (the parent kills the process). */
  hangOnFirstAttempt: string[];
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;

function send(message: object): Promise<void> {
  return new Promise((resolve, reject) => process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())));
}

const queue = createRedisQueue({ url: config.url, prefix: config.prefix, visibilityTimeoutMs: config.leaseMs });
queue.on('error', () => undefined);
await queue.connect();
queue.subscribe(
  config.queueName,
  async (message) => {
    await send({ type: 'start', id: message.id, attempt: message.attempts, pid: process.pid });
    if (message.attempts === 1 && config.hangOnFirstAttempt.includes(message.id)) await new Promise(() => undefined);
    await send({ type: 'done', id: message.id, attempt: message.attempts, pid: process.pid });
  },
  { concurrency: config.concurrency },
);
await send({ type: 'ready', pid: process.pid });
process.on('message', (message: { type?: string }) => {
  if (message.type === 'stop') void queue.disconnect().then(() => process.exit(0));
});
