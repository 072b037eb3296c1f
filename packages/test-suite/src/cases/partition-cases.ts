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

  h.it('dead letters of every partition are listed oldest first, replayed and purged by id as on one queue', { partitions: true, deadLetters: 'listable' }, async () => {
    const { queue, clock } = await h.setup();
    await queue.declareQueue('q', { partitions: 3 });
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    await queue.enqueueMany('q', ids.map((id) => queue.createMessage('t', id, { id, maxRetries: 0 })));
    const order: string[] = [];
    for (let message = await queue.dequeue('q'); message !== null; message = await queue.dequeue('q')) {
      expect((await queue.nack(message, new Error('gave up'))).deadLettered).toBe(true);
      order.push(message.id);
      await clock.advance(1);
    }
    expect([...order].sort()).toEqual(ids);
    expect((await queue.deadLetters('q')).map((d) => d.id)).toEqual(order);
    expect((await queue.deadLetters('q', { offset: 2, limit: 3 })).map((d) => d.id)).toEqual(order.slice(2, 5));
    expect((await queue.getStats('q')).failedMessages).toBe(6);
    expect(await queue.replayDeadLetters('q', [order[1] as string, 'missing'])).toEqual({ replayed: [order[1]], notFound: ['missing'] });
    expect(await queue.purgeDeadLetters('q', [order[0] as string])).toBe(1);
    expect(await queue.replayDeadLetters('q')).toMatchObject({ replayed: expect.arrayContaining(order.slice(2)) as unknown });
    expect(await queue.size('q')).toBe(5);
    expect(await queue.deadLetters('q')).toEqual([]);
  });

  h.it('a deduplication key holds across partitions (a keyed message goes to the partition of its key)', { partitions: true, deduplication: true }, async () => {
    const { queue } = await h.setup();
    await queue.declareQueue('q', { partitions: 3 });
    const first = await queue.enqueue('q', queue.createMessage('t', 0, { id: 'k0', deduplication: { key: 'order-1' } }));
    for (let i = 1; i < 12; i++) expect(await queue.enqueue('q', queue.createMessage('t', i, { id: `k${i}`, deduplication: { key: 'order-1' } }))).toBe(first);
    expect(await queue.size('q')).toBe(1);
    const ids = await queue.enqueueMany('q', Array.from({ length: 6 }, (_, i) => queue.createMessage('t', i, { id: `m${i}`, deduplication: { key: `order-${i % 3}` } })));
    expect(ids).toEqual(['m0', 'k0', 'm2', 'm0', 'k0', 'm2']);
    expect(await queue.size('q')).toBe(3);
  });

  h.it('the admin API sees every partition: get, list, pause and resume', { partitions: true, admin: true }, async () => {
    const { queue } = await h.setup();
    await queue.declareQueue('q', { partitions: 3 });
    const ids = Array.from({ length: 9 }, (_, i) => `m${i}`);
    await queue.enqueueMany('q', ids.map((id) => queue.createMessage('t', id, { id })));
    for (const id of ids) expect(await queue.getMessage('q', id)).toMatchObject({ id, state: 'ready' });
    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queue.listMessages('q', { state: 'ready', limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      listed.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(listed.sort()).toEqual(ids);
    expect((await queue.deleteMessages('q', { ids: ['m1', 'm5', 'nope'] })).results.map((r) => r.outcome)).toEqual(['done', 'done', 'not_found']);
    await queue.pauseQueue('q');
    expect(await queue.dequeue('q')).toBeNull();
    expect((await queue.getStats('q')).paused).toBe(true);
    await queue.resumeQueue('q');
    expect(await queue.dequeue('q')).not.toBeNull();
    expect(await queue.size('q')).toBe(6);
  });

  h.it('a published message reaches a partitioned queue once, counted and taken as on one queue', { partitions: true, routing: true }, async () => {
    const { queue } = await h.setup();
    await queue.declareQueue('r_parted', { partitions: 3 });
    await queue.bind({ pattern: 'order.#', queue: 'r_parted' });
    await queue.bind({ pattern: 'order.#', queue: 'r_plain' });
    for (let i = 0; i < 9; i++) await queue.publish('order.placed', queue.createMessage('t', i, { id: `o${i}` }));
    expect(await queue.size('r_parted')).toBe(9);
    expect(await queue.size('r_plain')).toBe(9);
    const taken = new Set<unknown>();
    for (let message = await queue.dequeue('r_parted'); message !== null; message = await queue.dequeue('r_parted')) {
      taken.add(message.payload);
      await queue.ack(message);
    }
    expect(taken.size).toBe(9);
    expect((await queue.getStats('r_parted')).completedMessages).toBe(9);
    const listed = await queue.listQueues({ allQueues: true });
    expect(listed).toContain('r_parted');
    expect(listed.filter((name) => name.includes('#'))).toEqual([]);
  });
}
