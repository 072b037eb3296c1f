import { Queue, Worker } from 'bullmq';
import type { BenchPayload } from '../harness/bench-payload.js';
import { BULLMQ_PRODUCER_CONNECTION, BULLMQ_QUEUE, BULLMQ_WORKER_CONNECTION, bullmqWorkerSettings } from './peer-settings.js';
import type { ContenderTarget, QueueContender } from './queue-contender.js';

/** BullMQ maps priority 1 to the highest; ours is 10. Priority 0 means "no priority" (plain FIFO). */
const toBullPriority = (priority: number | undefined): number | undefined => (priority === undefined ? undefined : 11 - priority);

/**
 * BullMQ configured as its docs recommend (peer-settings.ts): finished jobs removed (as @mq removes
 * acked messages), no events kept, a fail-fast producer connection; workers default but for concurrency.
 */
export async function createBullmqContender({ port, queueName, profile = 'standard' }: ContenderTarget): Promise<QueueContender> {
  const queue = new Queue<BenchPayload>(queueName, { connection: { host: '127.0.0.1', port, ...BULLMQ_PRODUCER_CONNECTION }, ...BULLMQ_QUEUE });
  await queue.waitUntilReady();
  const workers = new Set<Worker>();
  return {
    supportsPriority: true,
    async add(payload, options = {}) {
      const priority = toBullPriority(options.priority);
      await queue.add('bench', payload, { ...(priority === undefined ? {} : { priority }), ...(options.delayMs === undefined ? {} : { delay: options.delayMs }) });
    },
    async addBulk(items) {
      await queue.addBulk(
        items.map((item) => {
          const priority = toBullPriority(item.priority);
          return { name: 'bench', data: item.payload, opts: priority === undefined ? {} : { priority } };
        }),
      );
    },
    async consume(concurrency, onHandle) {
      const worker = new Worker<BenchPayload>(
        queueName,
        async (job) => {
          onHandle(job.data);
          await Promise.resolve();
        },
        { connection: { host: '127.0.0.1', port, ...BULLMQ_WORKER_CONNECTION }, ...bullmqWorkerSettings(profile), concurrency },
      );
      workers.add(worker);
      await worker.waitUntilReady();
      return {
        close: async () => {
          workers.delete(worker);
          await worker.close();
        },
      };
    },
    async close() {
      await Promise.all([...workers].map((w) => w.close()));
      await queue.close();
    },
  };
}
