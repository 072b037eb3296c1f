import { aesGcmEncryption, type MessageQueue, type MessageQueueOptions } from '@mq/core';
import { createInMemoryQueue } from '@mq/memory';
import type { BenchPayload } from '../harness/bench-payload.js';
import { TenArrayBaseline } from './ten-array-baseline.js';

/** The calls case 7 makes, on @mq's in-memory queue or on the ten-array baseline. */
export interface InProcessQueue {
  enqueue(payload: BenchPayload, priority: number): Promise<void>;
  /** Fills the queue through the bulk API (untimed set-up). */
  enqueueBulk(items: readonly { payload: BenchPayload; priority: number }[]): Promise<void>;
  /** Takes one message and acks it; false when the queue was empty. */
  dequeueAndAck(): Promise<boolean>;
  /** Runs `handler` on every message with `concurrency` at once until `count` were handled. */
  subscribe(concurrency: number, count: number, handler: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

const QUEUE = 'bench';

/** `pipeline`: issue 12's encryption/compression options (the 'mq-memory-encrypted' contender). */
export async function createMqMemoryQueue(pipeline: Pick<MessageQueueOptions, 'encryption' | 'compression'> = {}): Promise<InProcessQueue> {
  const queue: MessageQueue = createInMemoryQueue(pipeline);
  await queue.connect();
  return {
    async enqueue(payload, priority) {
      await queue.enqueue(QUEUE, queue.createMessage('bench', payload, { priority }));
    },
    async enqueueBulk(items) {
      await queue.enqueueMany(
        QUEUE,
        items.map((item) => queue.createMessage('bench', item.payload, { priority: item.priority })),
      );
    },
    async dequeueAndAck() {
      const message = await queue.dequeue(QUEUE);
      if (message === null) return false;
      await queue.ack(message);
      return true;
    },
    subscribe(concurrency, count, handler) {
      return new Promise<void>((resolve) => {
        let handled = 0;
        const subscription = queue.subscribe(
          QUEUE,
          async () => {
            await handler();
            if (++handled === count) void subscription.close().then(resolve);
          },
          { concurrency },
        );
      });
    },
    close: () => queue.disconnect(),
  };
}

export function createBaselineQueue(): Promise<InProcessQueue> {
  const queue = new TenArrayBaseline();
  return Promise.resolve({
    async enqueue(payload, priority) {
      await queue.enqueue(payload, priority);
    },
    async enqueueBulk(items) {
      for (const item of items) await queue.enqueue(item.payload, item.priority);
    },
    async dequeueAndAck() {
      const message = await queue.dequeue();
      if (message === null) return false;
      await queue.ack(message);
      return true;
    },
    async subscribe(concurrency, count, handler) {
      let handled = 0;
      const worker = async (): Promise<void> => {
        while (handled < count) {
          const message = await queue.dequeue();
          if (message === null) return;
          await handler();
          await queue.ack(message);
          handled++;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    },
    close: () => Promise.resolve(),
  });
}

export function createMqMemoryEncryptedQueue(): Promise<InProcessQueue> {
  return createMqMemoryQueue({ encryption: aesGcmEncryption({ keys: { bench: new Uint8Array(32).fill(1) }, activeKeyId: 'bench' }) });
}
