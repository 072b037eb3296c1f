import { MessageQueue, type ReceivedMessage, type SingleQueueStats } from '@mq/core';
import { afterAll, describe, expect, it } from 'vitest';
import { partitionQueueName } from '../src/partition-queue-name.js';
import { redisQueueKeys } from '../src/testing.js';
import { rawCounts } from './support/raw-counts.js';
import { rawClient, testProvider } from './support/test-redis.js';

const clients = { standalone: rawClient(), cluster: rawClient(true) };
afterAll(async () => void (await Promise.all(Object.values(clients).map((c) => c.quit()))));

const storeQueues = (queueName: string) => [queueName, partitionQueueName(queueName, 1, 3), partitionQueueName(queueName, 2, 3)];

describe.each(['standalone', 'cluster'] as const)('getStats(queueName, { partitions: true }) on Redis (%s)', (mode) => {
  const backDoor = clients[mode];

  it('one entry per partition, each what the back door finds in its store queue, summing to the totals; take and ack move them', async () => {
    const provider = testProvider({ cluster: mode === 'cluster' });
    const queue = new MessageQueue({ provider });
    await queue.connect();
    try {
      await queue.declareQueue('orders', { partitions: 3 });
      const ids = await queue.enqueueMany('orders', Array.from({ length: 30 }, (_, i) => queue.createMessage('t', i, { id: `o${i}` })));
      await queue.enqueue('orders', queue.createMessage('t', 'later', { id: 'late', delayMs: 60_000 }));
      // Where each message was routed: the partition whose records hash holds it.
      const names = storeQueues('orders');
      const partitionOf = async (id: string) => (await Promise.all(names.map((n) => backDoor.hexists(redisQueueKeys(provider, n).records, id)))).indexOf(1);
      const routed = [0, 0, 0];
      for (const id of ids) routed[await partitionOf(id)]! += 1;
      expect(routed.every((n) => n > 0)).toBe(true);

      const first = await queue.getStats('orders', { partitions: true });
      expect(first.partitions?.map((p) => p.partition)).toEqual([0, 1, 2]);
      const late = await partitionOf('late');
      expect(first.partitions?.map((p) => p.counts.readyMessages)).toEqual(routed);
      expect(first.partitions?.map((p) => p.counts.delayedMessages)).toEqual([0, 1, 2].map((p) => (p === late ? 1 : 0)));
      expectSums(first);
      expect(first).toMatchObject({ readyMessages: 30, delayedMessages: 1, totalMessages: 31 });

      const taken: ReceivedMessage[] = [];
      for (let i = 0; i < 6; i++) taken.push((await queue.dequeue('orders')) as ReceivedMessage);
      const takenPer = [0, 0, 0];
      for (const m of taken) takenPer[await partitionOf(m.id)]! += 1;
      const leased = await Promise.all(names.map((n) => rawCounts(backDoor, provider, n)));
      const second = await queue.getStats('orders', { partitions: true });
      expect(second.partitions?.map((p) => p.counts.processingMessages)).toEqual(takenPer);
      expect(second.partitions?.map((p) => p.counts.processingMessages)).toEqual(leased.map((c) => c.leased));
      expect(second.partitions?.map((p) => p.counts.readyMessages)).toEqual(routed.map((n, p) => n - (takenPer[p] as number)));
      expectSums(second);

      for (const m of taken) await queue.ack(m);
      const third = await queue.getStats('orders', { partitions: true });
      expect(third.partitions?.map((p) => [p.counts.processingMessages, p.counts.completedMessages])).toEqual(takenPer.map((n) => [0, n]));
      expectSums(third);
      expect(third).toMatchObject({ completedMessages: 6, processingMessages: 0, readyMessages: 24 });
      // Without the option: the same totals, no partitions.
      const plain = await queue.getStats('orders');
      expect(plain).not.toHaveProperty('partitions');
      expect(plain.totalMessages).toBe(third.totalMessages);
    } finally {
      await queue.deleteQueue('orders');
      await queue.disconnect();
    }
  });

  it('a queue of one partition: one entry, partition 0, with the totals', async () => {
    const queue = new MessageQueue({ provider: testProvider({ cluster: mode === 'cluster' }) });
    await queue.connect();
    try {
      await queue.enqueue('single', queue.createMessage('t', 1));
      const stats = await queue.getStats('single', { partitions: true });
      expect(stats.partitions).toEqual([{ partition: 0, counts: expect.objectContaining({ readyMessages: 1, totalMessages: 1 }) }]);
    } finally {
      await queue.deleteQueue('single');
      await queue.disconnect();
    }
  });
});

function expectSums(stats: SingleQueueStats): void {
  const parts = stats.partitions ?? [];
  const sum = (key: keyof NonNullable<SingleQueueStats['partitions']>[number]['counts']) => parts.reduce((n, p) => n + p.counts[key], 0);
  for (const key of ['totalMessages', 'pendingMessages', 'readyMessages', 'delayedMessages', 'processingMessages', 'completedMessages', 'failedMessages'] as const) {
    expect(sum(key), key).toBe(stats[key]);
  }
}
