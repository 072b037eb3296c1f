import { ManualClock, MessageQueue } from '@mq/core';
import type { QueueCounts, QueueProvider, QueueSettings, ReadyPeek } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { createLimitedProvider } from '@mq/memory/testing';
import { describe, expect, it } from 'vitest';
import { LeaseGuard } from '../../src/capabilities/lease-guard.js';
import { PriorityLevels } from '../../src/capabilities/priority-levels.js';
import { normalizeCapabilities } from '../../src/provider/normalize-capabilities.js';

const code = (c: string, field: string) => expect.objectContaining({ code: c, details: expect.objectContaining({ field }) });

/** An in-memory store that names partitions' store queues as Redis does (`Q#j`), so the core's PartitionedQueues spreads a queue over them. */
class ShardedMemory extends InMemoryProvider {
  private readonly settings = new Map<string, QueueSettings>();
  override doDeclareQueue(queueName: string, settings: QueueSettings): Promise<QueueSettings> {
    if (!this.settings.has(queueName)) this.settings.set(queueName, settings);
    return Promise.resolve(this.settings.get(queueName) as QueueSettings);
  }
  doReadQueueSettings(queueName: string): Promise<QueueSettings | undefined> {
    return Promise.resolve(this.settings.get(queueName));
  }
  doPartitionQueueName(queueName: string, partition: number): string {
    return `${queueName}#${partition}`;
  }
  /** Every record of the test has priority 5. */
  async doPeekReady(queueName: string): Promise<ReadyPeek> {
    const { ready } = await this.doCount(queueName);
    return ready === 0 ? { priority: 0, count: 0 } : { priority: 5, count: ready };
  }
}

async function open(provider: QueueProvider): Promise<MessageQueue> {
  const queue = new MessageQueue({ provider, clock: new ManualClock() });
  await queue.connect();
  return queue;
}

describe('getStats(queueName, { partitions: true })', () => {
  it('memory keeps a queue as one: one entry, partition 0, with the totals', async () => {
    const queue = await open(new InMemoryProvider());
    await queue.declareQueue('q', { partitions: 3 });
    await queue.enqueueMany('q', [queue.createMessage('t', 1), queue.createMessage('t', 2, { delayMs: 60_000 })]);
    expect(await queue.getStats('q')).not.toHaveProperty('partitions');
    expect(await queue.getStats('q', { partitions: false })).not.toHaveProperty('partitions');
    const stats = await queue.getStats('q', { partitions: true });
    expect(stats.partitions).toEqual([
      { partition: 0, counts: { totalMessages: 2, pendingMessages: 2, readyMessages: 1, delayedMessages: 1, processingMessages: 0, completedMessages: 0, failedMessages: 0 } },
    ]);
    expect(stats).toMatchObject({ totalMessages: 2, readyMessages: 1, delayedMessages: 1 });
    await queue.disconnect();
  });

  it('checks the option', async () => {
    const queue = await open(new InMemoryProvider());
    for (const partitions of ['true', 1, null, {}]) await expect(queue.getStats('q', { partitions: partitions as never })).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'partitions'));
    await expect(queue.getStats('q', { partition: true } as never)).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'partition'));
    await expect(queue.getStats('q', { partitions: true, topGroups: 0 })).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'topGroups'));
    expect((await queue.getStats('q', { partitions: true, topGroups: 2 })).partitions).toHaveLength(1);
    await queue.disconnect();
  });

  it('a store with shards: one entry per partition in index order, each what its store queue holds, summing to the totals', async () => {
    const store = new ShardedMemory();
    const queue = await open(store);
    await queue.declareQueue('orders', { partitions: 3 });
    await queue.enqueueMany('orders', Array.from({ length: 12 }, (_, i) => queue.createMessage('t', i, { id: `o${i}` })));
    const taken = await queue.dequeue('orders');
    if (taken === null) throw new Error('expected a message');
    const stats = await queue.getStats('orders', { partitions: true });
    const held = await Promise.all(['orders', 'orders#1', 'orders#2'].map((name) => store.doCount(name)));
    expect(stats.partitions?.map((p) => p.partition)).toEqual([0, 1, 2]);
    expect(stats.partitions?.map((p) => [p.counts.readyMessages, p.counts.processingMessages])).toEqual(held.map((c) => [c.ready, c.processing]));
    expect(held.filter((c) => c.ready + c.processing > 0).length).toBeGreaterThan(1);
    const sum = (pick: (c: NonNullable<typeof stats.partitions>[number]['counts']) => number) => (stats.partitions ?? []).reduce((n, p) => n + pick(p.counts), 0);
    expect([sum((c) => c.readyMessages), sum((c) => c.processingMessages), sum((c) => c.totalMessages)]).toEqual([stats.readyMessages, stats.processingMessages, stats.totalMessages]);
    expect(stats).toMatchObject({ readyMessages: 11, processingMessages: 1, totalMessages: 12 });
    await queue.ack(taken);
    const after = await queue.getStats('orders', { partitions: true });
    expect((after.partitions ?? []).reduce((n, p) => n + p.counts.completedMessages, 0)).toBe(1);
    expect(after).toMatchObject({ completedMessages: 1, processingMessages: 0 });
    await queue.disconnect();
  });

  it('passes through adapters that count as their store does, not through priority levels', () => {
    const perPartition: QueueCounts[] = [{ ready: 1, delayed: 0, processing: 0, dead: 0, completed: 0, processingMsTotal: 0 }];
    const inner = Object.assign(new InMemoryProvider(), { doCountPartitions: () => Promise.resolve(perPartition) });
    const capabilities = normalizeCapabilities(inner.capabilities);
    expect(new LeaseGuard(inner, capabilities, new ManualClock()).doCountPartitions).toBeTypeOf('function');
    expect(new PriorityLevels(inner, capabilities).doCountPartitions).toBeUndefined();
  });

  it('a store the core splits into priority levels reports one partition with the totals', async () => {
    const queue = await open(createLimitedProvider({ priorities: 'none' }));
    await queue.enqueueMany('q', [queue.createMessage('t', 1, { priority: 9 }), queue.createMessage('t', 2, { priority: 1 })]);
    const stats = await queue.getStats('q', { partitions: true });
    expect(stats.partitions).toEqual([{ partition: 0, counts: expect.objectContaining({ readyMessages: 2, totalMessages: 2 }) }]);
    await queue.disconnect();
  });
});
