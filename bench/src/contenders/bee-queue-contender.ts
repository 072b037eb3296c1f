import BeeQueue from 'bee-queue';
import type { BenchPayload } from '../harness/bench-payload.js';
import type { ContenderTarget, QueueContender } from './queue-contender.js';

/**
 * Bee-Queue with successful jobs removed and job events off (as @mq does not publish events by
 * default); the producer is not a worker. Bee-Queue has no priorities.
 */
export async function createBeeQueueContender({ port, queueName }: ContenderTarget): Promise<QueueContender> {
  const redis = { host: '127.0.0.1', port };
  const producer = new BeeQueue<BenchPayload>(queueName, { redis, isWorker: false, getEvents: false, sendEvents: false, storeJobs: false });
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
      const worker = new BeeQueue<BenchPayload>(queueName, {
        redis,
        isWorker: true,
        getEvents: false,
        sendEvents: false,
        storeJobs: false,
        removeOnSuccess: true,
        activateDelayedJobs: true,
      });
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
