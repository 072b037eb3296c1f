import { isMqError } from '@mq/core';
import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** purge removes waiting and in-flight messages of one queue; dead letters stay. */
export function purgeCases(h: ContractHarness): void {
  h.it('removes ready, delayed and leased messages and returns how many', { counts: 'exact' }, async () => {
    const { queue, clock, raw } = await h.setup();
    await queue.enqueueMany('q', [1, 2, 3].map((n) => queue.createMessage('t', n)));
    await queue.enqueue('q', queue.createMessage('t', 'later', { delayMs: 1000 }));
    const leased = await queue.dequeue('q');
    expect(await queue.purge('q')).toBe(4);
    expect(await queue.size('q')).toBe(0);
    await clock.advance(2000);
    expect(await queue.dequeue('q')).toBeNull();
    expect(await raw('q')).toSatisfy((c) => c === undefined || (c.waiting === 0 && c.leased === 0));
    if (leased === null) throw new Error('expected a message');
    await expect(queue.ack(leased)).rejects.toSatisfy((e) => isMqError(e, 'MQ_LEASE_LOST'));
  });

  h.it('keeps dead letters and leaves the queue usable', { deadLetters: 'listable' }, async () => {
    const { queue } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 'dead', { maxRetries: 0 }));
    const m = await queue.dequeue('q');
    if (m === null) throw new Error('expected a message');
    await queue.nack(m);
    await queue.purge('q');
    expect(await queue.deadLetters('q')).toHaveLength(1);
    await queue.enqueue('q', queue.createMessage('t', 'after'));
    expect((await queue.dequeue('q'))?.payload).toBe('after');
  });

  it('returns 0 for an empty or unknown queue', async () => {
    const { queue } = await h.setup();
    expect(await queue.purge('never_used')).toBe(0);
  });
}
