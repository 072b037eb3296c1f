import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** Queues never see each other's messages, counts or dead letters, even with similar names. */
export function isolationCases(h: ContractHarness): void {
  h.it('keeps messages of a, ab and a_b apart', { counts: 'exact' }, async () => {
    const { queue, raw } = await h.setup();
    for (const name of ['a', 'ab', 'a_b']) await queue.enqueue(name, queue.createMessage('t', name));
    expect(await queue.purge('a')).toBe(1);
    expect(await queue.size('ab')).toBe(1);
    expect(await queue.size('a_b')).toBe(1);
    expect((await queue.dequeue('ab'))?.payload).toBe('ab');
    expect((await queue.dequeue('a_b'))?.payload).toBe('a_b');
    expect(await queue.dequeue('a')).toBeNull();
    expect(await raw('ab')).toSatisfy((c) => c === undefined || (c.waiting === 0 && c.leased === 1));
  });

  h.it('keeps dead letters and stats per queue', { counts: 'exact', deadLetters: 'listable' }, async () => {
    const { queue } = await h.setup();
    await queue.enqueue('x', queue.createMessage('t', 1, { maxRetries: 0 }));
    await queue.enqueue('y', queue.createMessage('t', 2));
    const m = await queue.dequeue('x');
    if (m === null) throw new Error('expected a message');
    await queue.nack(m);
    expect(await queue.deadLetters('y')).toEqual([]);
    expect((await queue.getStats('y')).failedMessages).toBe(0);
    expect((await queue.getStats('x')).failedMessages).toBe(1);
    expect(await queue.replayDeadLetters('y')).toEqual({ replayed: [], notFound: [] });
  });

  it('allows the same message id in two queues but not twice in one', async () => {
    const { queue } = await h.setup();
    const message = queue.createMessage('t', 'x', { id: 'fixed-id' });
    await queue.enqueue('one', message);
    await queue.enqueue('two', message);
    await expect(queue.enqueue('one', message)).rejects.toMatchObject({ code: 'MQ_DUPLICATE_MESSAGE_ID' });
    expect(await queue.size('one')).toBe(1);
  });
}
