import type { MessageQueue, MessageQueueOptions } from '@mq/core';
import { createRedisQueue } from '@mq/redis';
import type { BenchPayload } from '../harness/bench-payload.js';
import type { ContenderTarget, QueueContender } from './queue-contender.js';

/** @mq on Redis: a producer queue and one queue per consumer, as separate instances would run them. */
export async function createMqRedisContender(
  { port, queueName }: ContenderTarget,
  pipeline: Pick<MessageQueueOptions, 'encryption' | 'compression'> = {},
  observe: (queue: MessageQueue) => void = () => undefined,
): Promise<QueueContender> {
  const url = `redis://127.0.0.1:${port}`;
  const producer = createRedisQueue({ url, ...pipeline });
  await producer.connect();
  observe(producer);
  const consumers = new Set<MessageQueue>();
  return {
    supportsPriority: true,
    async add(payload, options = {}) {
      await producer.enqueue(queueName, producer.createMessage('bench', payload, { priority: options.priority, delayMs: options.delayMs }));
    },
    async addBulk(items) {
      await producer.enqueueMany(
        queueName,
        items.map((item) => producer.createMessage('bench', item.payload, { priority: item.priority })),
      );
    },
    async consume(concurrency, onHandle) {
      const queue = createRedisQueue({ url, ...pipeline });
      await queue.connect();
      observe(queue);
      consumers.add(queue);
      queue.subscribe(
        queueName,
        async (message) => {
          onHandle(message.payload as BenchPayload);
          await Promise.resolve();
        },
        { concurrency },
      );
      return {
        close: async () => {
          consumers.delete(queue);
          await queue.disconnect();
        },
      };
    },
    async close() {
      await Promise.all([...consumers].map((q) => q.disconnect()));
      await producer.disconnect();
    },
  };
}
