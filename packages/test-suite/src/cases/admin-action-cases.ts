import type { ActionReport, MessageQueue } from '@mq/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';
import { deadLetter, holdLeases, ids, LATER_MS, sorted } from './admin-fixtures.js';

/** The outcome of each id of a report, in its order. */
const outcomes = (report: ActionReport): Record<string, string> => Object.fromEntries(report.results.map((r) => [r.id, r.outcome]));

/** Dequeues everything ready, returning the ids in take order (acked). */
async function drain(queue: MessageQueue, queueName: string): Promise<string[]> {
  const taken: string[] = [];
  for (let message = await queue.dequeue(queueName); message !== null; message = await queue.dequeue(queueName)) {
    taken.push(message.id);
    await queue.ack(message);
  }
  return taken;
}

/** The admin actions and pause/resume (capabilities.admin): what each does, per id. */
export function adminActionCases(h: ContractHarness): void {
  h.it('replay, delete, promote and changePriority report done, not_found or wrong_state per id', { admin: true }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    await holdLeases(setup, 'q', ['p1']);
    await deadLetter(setup, 'q', ['x1', 'x2']);
    await queue.enqueue('q', queue.createMessage('t', 'r', { id: 'r1' }));
    await queue.enqueueMany('q', ['d1', 'd2'].map((id) => queue.createMessage('t', id, { id, delayMs: LATER_MS })));

    const promoted = await queue.promoteMessages('q', { ids: ['d1', 'r1', 'p1', 'x1', 'nope'] });
    expect(outcomes(promoted)).toEqual({ d1: 'done', r1: 'wrong_state', p1: 'wrong_state', x1: 'wrong_state', nope: 'not_found' });
    expect(promoted).toMatchObject({ done: 1, notFound: 1, wrongState: 3 });
    expect(await queue.getMessage('q', 'd1')).toMatchObject({ state: 'ready', availableAt: setup.clock.now() });

    const prioritised = await queue.changePriority('q', { ids: ['r1', 'd2', 'p1', 'x1', 'nope'] }, 9);
    expect(outcomes(prioritised)).toEqual({ r1: 'done', d2: 'done', p1: 'wrong_state', x1: 'wrong_state', nope: 'not_found' });
    expect(await queue.getMessage('q', 'r1')).toMatchObject({ state: 'ready', priority: 9 });
    expect(await queue.getMessage('q', 'd2')).toMatchObject({ state: 'delayed', priority: 9, availableAt: setup.clock.now() + LATER_MS });

    const replayed = await queue.replayMessages('q', { ids: ['x1', 'r1', 'nope'] });
    expect(outcomes(replayed)).toEqual({ x1: 'done', r1: 'wrong_state', nope: 'not_found' });
    expect(await queue.getMessage('q', 'x1')).toMatchObject({ state: 'ready', attempts: 0 });

    const deleted = await queue.deleteMessages('q', { ids: ['d2', 'x2', 'r1', 'p1', 'nope'] });
    expect(outcomes(deleted)).toEqual({ d2: 'done', x2: 'done', r1: 'done', p1: 'wrong_state', nope: 'not_found' });
    expect(deleted).toMatchObject({ done: 3, notFound: 1, wrongState: 1 });
    for (const id of ['d2', 'x2', 'r1']) expect(await queue.getMessage('q', id)).toBeNull();
    expect(await queue.deadLetters('q')).toEqual([]);
    // Back door: what is left is d1 and x1 waiting, p1 leased.
    expect(await setup.raw('q')).toSatisfy((c) => c === undefined || (c.waiting === 2 && c.leased === 1 && c.dead === 0));
    expect(sorted(await drain(queue, 'q'))).toEqual(['d1', 'x1']);
  });

  h.it('a promoted or re-prioritised message joins the back of its level (FIFO), a deleted one is never taken', { admin: true, ordering: 'strict' }, async () => {
    const { queue } = await h.setup();
    await queue.enqueueMany('q', ['a', 'b'].map((id) => queue.createMessage('t', id, { id, priority: 7 })));
    await queue.enqueueMany('q', ['c', 'e'].map((id) => queue.createMessage('t', id, { id, priority: 3 })));
    await queue.enqueue('q', queue.createMessage('t', 'later', { id: 'late', priority: 7, delayMs: LATER_MS }));
    await queue.enqueue('q', queue.createMessage('t', 'gone', { id: 'gone', priority: 7 }));
    expect((await queue.changePriority('q', { ids: ['c'] }, 7)).done).toBe(1);
    expect((await queue.promoteMessages('q', { ids: ['late'] })).done).toBe(1);
    expect((await queue.deleteMessages('q', { ids: ['gone'] })).done).toBe(1);
    expect(await drain(queue, 'q')).toEqual(['a', 'b', 'c', 'late', 'e']);
  });

  h.it('acts on a filter, on all, and on many ids in chunks with progress', { admin: true }, async () => {
    const { queue } = await h.setup();
    await queue.enqueueMany('q', ids('u', 6).map((id, i) => queue.createMessage('t', id, { id, userId: i < 3 ? 'alice' : 'bob', delayMs: LATER_MS })));
    const promoted = await queue.promoteMessages('q', { filter: { userId: 'alice' } });
    expect(promoted).toMatchObject({ done: 3, notFound: 0, wrongState: 0 });
    expect(sorted(promoted.results.map((r) => r.id))).toEqual(['u00', 'u01', 'u02']);
    expect((await queue.getStats('q')).readyMessages).toBe(3);
    const all = await queue.changePriority('q', { all: true }, 2);
    expect(all.done).toBe(6);
    for (const id of ids('u', 6)) expect((await queue.getMessage('q', id))?.priority).toBe(2);
    expect((await queue.deleteMessages('q', { filter: { userId: 'bob', state: 'ready' } })).done).toBe(0);
    expect((await queue.deleteMessages('q', { filter: { userId: 'bob' } })).done).toBe(3);

    const many = ids('n', 99).concat(ids('m', 99), ids('k', 52));
    await queue.enqueueMany('q', many.map((id) => queue.createMessage('t', id, { id })));
    const progress: [number, number | undefined][] = [];
    const deleted = await queue.deleteMessages('q', { ids: [...many, 'nope'] }, { onProgress: (done, total) => progress.push([done, total]) });
    expect(deleted).toMatchObject({ done: 250, notFound: 1, wrongState: 0 });
    expect(progress).toEqual([[100, 251], [200, 251], [251, 251]]);
    expect(sorted(await drain(queue, 'q'))).toEqual(['u00', 'u01', 'u02']);
  });

  h.it('deleting a waiting message releases its until-settled deduplication key', { admin: true, deduplication: true }, async () => {
    const { queue } = await h.setup();
    const key = { deduplication: { key: 'order-1' } };
    expect(await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a', ...key }))).toBe('a');
    expect(await queue.enqueue('q', queue.createMessage('t', 2, { id: 'b', ...key }))).toBe('a');
    expect((await queue.deleteMessages('q', { ids: ['a'] })).done).toBe(1);
    expect(await queue.enqueue('q', queue.createMessage('t', 3, { id: 'c', ...key }))).toBe('c');
    expect(await drain(queue, 'q')).toEqual(['c']);
  });

  h.it('pause: consumers stop taking, enqueues go on, stats say paused; resume wakes a waiting subscriber', { admin: true }, async () => {
    const setup = await h.setup();
    const { queue, clock } = setup;
    const seen: unknown[] = [];
    queue.subscribe('q', (m) => {
      seen.push(m.payload);
    });
    await queue.enqueue('q', queue.createMessage('t', 'before'));
    await h.eventually(() => expect(seen).toEqual(['before']));
    expect(await queue.isPaused('q')).toBe(false);

    await queue.pauseQueue('q');
    expect(await queue.isPaused('q')).toBe(true);
    await queue.enqueue('q', queue.createMessage('t', 'during'));
    await queue.enqueue('q', queue.createMessage('t', 'due later', { delayMs: 1000 }));
    await clock.advance(1000);
    const peer = await setup.peer();
    expect(await peer.dequeue('q')).toBeNull();
    expect(await queue.dequeue('q')).toBeNull();
    expect(await queue.getStats('q')).toMatchObject({ paused: true, readyMessages: 2, pendingMessages: 2 });
    expect(seen).toEqual(['before']);
    // Another queue of the same store is not paused.
    await queue.enqueue('other', queue.createMessage('t', 'elsewhere'));
    expect((await queue.dequeue('other'))?.payload).toBe('elsewhere');

    await queue.resumeQueue('q');
    expect(await queue.isPaused('q')).toBe(false);
    await h.eventually(() => expect(seen).toEqual(['before', 'during', 'due later']));
    expect((await queue.getStats('q')).paused).toBe(false);
  });
}
