import { isMqError } from '@mq/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** Partitioned queues (capabilities.partitions): the count is stored with the queue and every process must declare it alike. */
export function partitionCases(h: ContractHarness): void {
  h.it('stores the partition count with the queue: the same count again is accepted, another fails for every process', { partitions: true }, async () => {
    const setup = await h.setup();
    const peer = await setup.peer();
    await setup.queue.declareQueue('q', { partitions: 3 });
    await setup.queue.declareQueue('q', { partitions: 3 });
    await peer.declareQueue('q', { partitions: 3 });
    for (const other of [setup.queue, peer]) {
      const error: unknown = await other.declareQueue('q', { partitions: 2 }).catch((e: unknown) => e);
      expect(isMqError(error, 'MQ_INVALID_CONFIG') ? error.details : error).toMatchObject({ field: 'partitions', stored: { partitions: 3 } });
    }
    const otherDefault: unknown = await peer.declareQueue('q').catch((e: unknown) => e);
    expect(isMqError(otherDefault, 'MQ_INVALID_CONFIG')).toBe(true);
  });

  h.it('a partitioned queue keeps priority order, counts and purges as one queue', { partitions: true }, async () => {
    const { queue } = await h.setup();
    await queue.declareQueue('q', { partitions: 3 });
    for (const priority of [2, 9, 5, 9]) await queue.enqueue('q', queue.createMessage('t', { priority }, { priority }));
    expect(await queue.size('q')).toBe(4);
    const first = await queue.dequeue('q');
    expect(first?.priority).toBe(9);
    expect((await queue.getStats('q')).pendingMessages).toBe(3);
    expect(await queue.purge('q')).toBe(4);
    expect(await queue.size('q')).toBe(0);
  });

  h.it('deleting a queue forgets its partition count', { partitions: true }, async () => {
    const { queue } = await h.setup();
    await queue.declareQueue('q', { partitions: 3 });
    await queue.deleteQueue('q');
    await queue.declareQueue('q', { partitions: 2 });
  });
}
