import type { MessageQueue, MessageState, SearchMessagesOptions } from '@mq/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';
import { adminActionCases } from './admin-action-cases.js';
import { deadLetter, holdLeases, ids, LATER_MS, LEASE_MS, listAll, sorted } from './admin-fixtures.js';

/** Every message a search finds, call after call until complete; the records each call scanned. */
async function searchAll(queue: MessageQueue, queueName: string, options: SearchMessagesOptions): Promise<{ ids: string[]; scans: number[] }> {
  const ids: string[] = [];
  const scans: number[] = [];
  let cursor: string | undefined;
  for (let calls = 0; calls < 10_000; calls++) {
    const page = await queue.searchMessages(queueName, { ...options, ...(cursor === undefined ? {} : { cursor }) });
    ids.push(...page.items.map((m) => m.id));
    scans.push(page.scanned);
    expect(page.complete).toBe(page.nextCursor === null);
    if (page.nextCursor === null) return { ids, scans };
    cursor = page.nextCursor;
  }
  throw new Error('the search did not end');
}

/** The admin API (capabilities.admin): browse, search, act per id, pause and resume (docs/observability.md#admin-api). */
export function adminCases(h: ContractHarness): void {
  h.it('lists the messages of each state page by page, no message twice, each with its state', { admin: true }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    await holdLeases(setup, 'q', ids('p', 3));
    await deadLetter(setup, 'q', ids('x', 4));
    await queue.enqueueMany('q', ids('r', 12).map((id) => queue.createMessage('t', { id }, { id })));
    await queue.enqueueMany('q', ids('d', 5).map((id) => queue.createMessage('t', { id }, { id, delayMs: LATER_MS })));
    const expected: Record<MessageState, string[]> = { ready: ids('r', 12), delayed: ids('d', 5), processing: ids('p', 3), dead: ids('x', 4) };
    for (const limit of [1, 5, 1000]) {
      for (const state of ['ready', 'delayed', 'processing', 'dead'] as const) {
        const items = await listAll(queue, 'q', state, limit);
        expect(sorted(items), `${state}, pages of ${limit}`).toEqual(expected[state]);
        for (const item of items) expect(item).toMatchObject({ queueName: 'q', state, type: 't', payload: { id: item.id } });
      }
    }
    expect(await queue.listMessages('empty', { state: 'ready' })).toEqual({ items: [], nextCursor: null });
  });

  h.it('a list while messages come and go returns every message that stays ready the whole walk', { admin: true }, async () => {
    const { queue } = await h.setup();
    const stay = ids('s', 30);
    await queue.enqueueMany('q', stay.map((id) => queue.createMessage('t', id, { id, priority: 1 })));
    await queue.enqueueMany('q', ids('g', 10).map((id) => queue.createMessage('t', id, { id, priority: 10 })));
    let n = 0;
    const items = await listAll(queue, 'q', 'ready', 4, async () => {
      await queue.enqueue('q', queue.createMessage('t', n, { id: `new${n++}` }));
      // Highest priority first: the g* messages leave the ready state during the walk.
      const taken = await queue.dequeue('q');
      if (taken !== null) await queue.ack(taken);
    });
    expect(items.map((m) => m.id)).toEqual(expect.arrayContaining(stay));
  });

  h.it('getMessage shows attempts, the last error and the times of a message in each state', { admin: true }, async () => {
    const { queue, clock } = await h.setup();
    const createdAt = clock.now();
    const id = await queue.enqueue('q', queue.createMessage('order', { n: 1 }, { id: 'm1', maxRetries: 1, userId: 'u1', conversationId: 'c1' }));
    const ready = await queue.getMessage('q', id);
    expect(ready).toMatchObject({ queueName: 'q', id, state: 'ready', type: 'order', payload: { n: 1 }, attempts: 0, maxRetries: 1, priority: 5, createdAt, availableAt: createdAt, metadata: { userId: 'u1', conversationId: 'c1' } });
    expect(ready?.lastError).toBeUndefined();
    await clock.advance(10);
    const first = await queue.dequeue('q', { visibilityTimeoutMs: LEASE_MS });
    if (first === null) throw new Error('expected the message');
    expect(await queue.getMessage('q', id)).toMatchObject({ state: 'processing', attempts: 1, leaseExpiresAt: clock.now() + LEASE_MS });
    const { retryInMs = 0 } = await queue.nack(first, new Error('first try'));
    expect(retryInMs).toBeGreaterThan(0);
    const delayed = await queue.getMessage('q', id);
    expect(delayed).toMatchObject({ state: 'delayed', attempts: 1, availableAt: clock.now() + retryInMs, lastError: { name: 'Error', message: 'first try' } });
    expect(delayed?.leaseExpiresAt).toBeUndefined();
    // The time of the last error is optional (a store may not keep it); where given, it is when it was stored.
    if (delayed?.lastError?.at !== undefined) expect(delayed.lastError.at).toBe(clock.now());
    await clock.advance(retryInMs);
    const second = await queue.dequeue('q', { visibilityTimeoutMs: LEASE_MS });
    if (second === null) throw new Error('expected the retry');
    await queue.nack(second, new Error('second try'));
    expect(await queue.getMessage('q', id)).toMatchObject({ state: 'dead', attempts: 2, createdAt, error: { name: 'Error', message: 'second try' }, failedAt: clock.now(), metadata: { userId: 'u1' } });
    expect(await queue.getMessage('q', 'missing')).toBeNull();
    expect(await queue.getMessage('never-used', id)).toBeNull();
  });

  h.it('searches by id, type, userId, conversationId and payload text, within scanLimit per call', { admin: true }, async () => {
    const { queue } = await h.setup();
    const all = ids('m', 12);
    await queue.enqueueMany('q', all.map((id, i) => queue.createMessage(i % 2 === 0 ? 'even' : 'odd', { note: `Hello World ${i}` }, { id, userId: `u${i % 3}`, conversationId: `c${i % 2}`, ...(i >= 9 ? { delayMs: LATER_MS } : {}) })));
    const find = async (filter: SearchMessagesOptions): Promise<string[]> => sorted((await searchAll(queue, 'q', filter)).ids);
    const where = (keep: (i: number) => boolean): string[] => all.filter((_, i) => keep(i));
    expect(await find({ id: 'm04' })).toEqual(['m04']);
    expect(await find({ type: 'odd' })).toEqual(where((i) => i % 2 === 1));
    expect(await find({ userId: 'u1', conversationId: 'c0' })).toEqual(where((i) => i % 3 === 1 && i % 2 === 0));
    expect(await find({ text: 'world 7' })).toEqual(['m07']);
    expect(await find({ text: 'hello', state: 'delayed' })).toEqual(['m09', 'm10', 'm11']);
    expect(await find({ type: 'even', state: ['ready', 'dead'] })).toEqual(where((i) => i % 2 === 0 && i < 9));
    expect(await find({ text: 'nowhere' })).toEqual([]);
    const first = await queue.searchMessages('q', { type: 'even', scanLimit: 4 });
    expect(first.scanned).toBeGreaterThan(0);
    expect(first.complete).toBe(false);
    expect(first.nextCursor).not.toBeNull();
    const bounded = await searchAll(queue, 'q', { type: 'even', scanLimit: 4 });
    expect(sorted(bounded.ids)).toEqual(where((i) => i % 2 === 0));
    expect(bounded.scans.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(all.length);
    const whole = await queue.searchMessages('q', {});
    expect(whole).toMatchObject({ complete: true, nextCursor: null, scanned: all.length });
    expect(sorted(whole.items)).toEqual(all);
  });

  adminActionCases(h);
}
