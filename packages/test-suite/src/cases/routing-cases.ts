import { isMqError } from '@mq/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/**
 * Routing rules (capabilities.routing, docs/routing.md): the provider stores each publish's copies
 * in several queues at once, each an independent record, and keeps the bindings where every
 * instance sharing the store sees them.
 */
export function routingCases(h: ContractHarness): void {
  h.it('stores one copy of a published message in each bound queue, each an independent message', { routing: true, deadLetters: 'listable' }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    for (const q of ['r_one', 'r_two', 'r_three']) await queue.bind({ pattern: 'order.#', queue: q });
    await queue.bind({ pattern: 'invoice.#', queue: 'r_other' });
    const message = queue.createMessage('placed', { n: 1 }, { id: 'ord-1', priority: 8, maxRetries: 0 });
    expect(await queue.publish('order.eu.placed', message)).toEqual({ messageIds: ['ord-1:r_one', 'ord-1:r_three', 'ord-1:r_two'], routedTo: ['r_one', 'r_three', 'r_two'] });
    for (const q of ['r_one', 'r_two', 'r_three']) expect(await setup.raw(q)).toSatisfy((c) => c === undefined || (c.waiting === 1 && c.leased === 0));
    expect(await queue.size('r_other')).toBe(0);
    const one = await queue.dequeue('r_one');
    const two = await queue.dequeue('r_two');
    expect(one).toMatchObject({ id: 'ord-1:r_one', priority: 8, payload: { n: 1 }, metadata: { correlationId: 'ord-1' } });
    await queue.ack(one!);
    await queue.nack(two!, new Error('no'));
    expect(await queue.deadLetters('r_two')).toMatchObject([{ id: 'ord-1:r_two', metadata: { correlationId: 'ord-1' } }]);
    expect(await queue.dequeue('r_three')).toMatchObject({ id: 'ord-1:r_three', attempts: 1 });
    expect(await queue.deadLetters('r_one')).toEqual([]);
  });

  h.it('a mandatory publish that no binding takes stores nothing; a plain one resolves with routedTo []', { routing: true }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    await queue.bind({ pattern: 'a.*', queue: 'r_a', where: { 'payload.n': { gt: 1 } } });
    const error: unknown = await queue.publish('a.b', queue.createMessage('t', { n: 1 }), { mandatory: true }).catch((e: unknown) => e);
    expect(isMqError(error, 'MQ_UNROUTABLE')).toBe(true);
    expect(await queue.publish('b', queue.createMessage('t', { n: 5 }))).toEqual({ messageIds: [], routedTo: [] });
    expect(await setup.storeQueues()).toEqual([]);
    expect((await queue.getStats()).unroutableMessages).toBe(1);
  });

  h.it('a publish retried with the same message id completes the missing copies and duplicates none', { routing: true }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    for (const q of ['r_a', 'r_b', 'r_c']) await queue.bind({ pattern: '#', queue: q });
    const message = queue.createMessage('t', 1, { id: 'evt-9' });
    await queue.enqueue('r_b', { ...message, id: 'evt-9:r_b' });
    await queue.publish('x', message);
    await queue.publish('x', message);
    for (const q of ['r_a', 'r_b', 'r_c']) expect(await queue.size(q), q).toBe(1);
  });

  h.it('bindings are shared: what one instance binds or unbinds, another lists and routes by', { routing: true }, async () => {
    const setup = await h.setup();
    const peer = await setup.peer();
    expect(await peer.publish('t.x', peer.createMessage('t', 1))).toMatchObject({ routedTo: [] });
    await setup.queue.bind({ pattern: 't.*', queue: 'r_shared', where: { type: 't' } });
    expect(await peer.listBindings()).toEqual([{ pattern: 't.*', queue: 'r_shared', where: { type: 't' } }]);
    expect(await peer.publish('t.x', peer.createMessage('t', 1))).toMatchObject({ routedTo: ['r_shared'] });
    expect(await setup.queue.unbind({ pattern: 't.*', queue: 'r_shared', where: { type: 't' } })).toBe(true);
    expect(await peer.publish('t.x', peer.createMessage('t', 1))).toMatchObject({ routedTo: [] });
    expect(await peer.listBindings()).toEqual([]);
    expect(await setup.queue.size('r_shared')).toBe(1);
  });

  h.it('a delayed message is delayed in every queue it is routed to', { routing: true }, async () => {
    const setup = await h.setup();
    const { queue, clock } = setup;
    await queue.bind({ pattern: '#', queue: 'r_a' });
    await queue.bind({ pattern: '#', queue: 'r_b' });
    await queue.publish('later', queue.createMessage('t', 1, { delayMs: 5000 }));
    expect(await queue.dequeue('r_a')).toBeNull();
    await clock.advance(5000);
    expect(await queue.dequeue('r_a')).toMatchObject({ payload: 1 });
    expect(await queue.dequeue('r_b')).toMatchObject({ payload: 1 });
  });
}
