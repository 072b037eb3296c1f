import BeeQueue from 'bee-queue';
import type { BenchPayload } from '../harness/bench-payload.js';
import { BEE_QUEUE_PRODUCER, beeQueueWorkerSettings } from './peer-settings.js';
import type { ContenderTarget, QueueContender } from './queue-contender.js';

/**
 * Bee-Queue configured as its README recommends for the case (peer-settings.ts): successful jobs
 * removed, job events off (as @mq publishes none by default), delayed-job activation only where
 * the case has delayed jobs; the producer is not a worker. Bee-Queue has no priorities.
 */
export async function createBeeQueueContender({ port, queueName, profile = 'standard' }: ContenderTarget): Promise<QueueContender> {
  const redis = { host: '127.0.0.1', port };
  const producer = new BeeQueue<BenchPayload>(queueName, { redis, ...BEE_QUEUE_PRODUCER });
  await producer.ready();
  const workers = new Set<BeeQueue<BenchPayload>>();
  return {
    supportsPriority: false,
    async add(payload, options = {}) {
      const job = producer.createJob(payload);
      if (options.delayMs !== undefined && options.delayMs > 0) job.delayUntil(Date.now() + options.delayMs);
      await job.save();
    },
    async addBulk(items) {
      const errors = await producer.saveAll(items.map((item) => producer.createJob(item.payload)));
      if (errors.size > 0) throw new Error(`bee-queue saveAll failed for ${errors.size} jobs`);
    },
    async consume(concurrency, onHandle) {
      const worker = new BeeQueue<BenchPayload>(queueName, { redis, ...beeQueueWorkerSettings(profile) });
      await worker.ready();
      workers.add(worker);
      worker.process(concurrency, async (job: BeeQueue.Job<BenchPayload>) => {
        onHandle(job.data);
        await Promise.resolve();
      });
      return {
        close: async () => {
          workers.delete(worker);
          await worker.close(5000);
        },
      };
    },
    async close() {
      await Promise.all([...workers].map((w) => w.close(5000)));
      await producer.close(5000);
    },
  };
}
