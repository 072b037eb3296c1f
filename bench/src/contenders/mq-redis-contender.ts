import type { CreateMessageOptions, MessageQueue, MessageQueueOptions, SubscribeOptions } from '@mq/core';
import { createRedisQueue } from '@mq/redis';
import type { BenchPayload } from '../harness/bench-payload.js';
import type { ContenderTarget, QueueContender } from './queue-contender.js';

/** A feature switched on for every message (issue 20's feature rows, each against plain 'mq' in the same case). */
export interface MqFeature {
  /** Extra options of the message with this sequence number (e.g. a deduplication key, a group). */
  readonly messageOptions?: (seq: number, queueName: string) => CreateMessageOptions;
  /** Extra subscribe options (e.g. groupConcurrency). */
  readonly subscribeOptions?: Omit<SubscribeOptions, 'concurrency'>;
}

/** @mq on Redis: a producer queue and one queue per consumer, as separate instances would run them. */
export async function createMqRedisContender(
  { port, queueName }: ContenderTarget,
  pipeline: Pick<MessageQueueOptions, 'encryption' | 'compression'> = {},
  observe: (queue: MessageQueue) => void = () => undefined,
  feature: MqFeature = {},
): Promise<QueueContender> {
  const url = `redis://127.0.0.1:${port}`;
  const producer = createRedisQueue({ url, ...pipeline });
  await producer.connect();
  observe(producer);
  const consumers = new Set<MessageQueue>();
  const extra = feature.messageOptions;
  return {
    supportsPriority: true,
    async add(payload, options = {}) {
      // Plain 'mq' builds exactly the options it always did: a feature's extras only when there is one.
      const own = { priority: options.priority, delayMs: options.delayMs };
      await producer.enqueue(queueName, producer.createMessage('bench', payload, extra === undefined ? own : { ...extra(payload.seq, queueName), ...own }));
    },
    async addBulk(items) {
      await producer.enqueueMany(
        queueName,
        items.map((item) => producer.createMessage('bench', item.payload, extra === undefined ? { priority: item.priority } : { ...extra(item.payload.seq, queueName), priority: item.priority })),
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
        { ...feature.subscribeOptions, concurrency },
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
