import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** A delayed message is invisible until due, then takes its place by priority. */
export function delayCases(h: ContractHarness): void {
  it('hides a delayed message until its due time', async () => {
    const { queue, clock } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', { n: 1 }, { delayMs: 5000 }));
    expect(await queue.dequeue('q')).toBeNull();
    await clock.advance(4999);
    expect(await queue.dequeue('q')).toBeNull();
    await clock.advance(1);
    expect((await queue.dequeue('q'))?.payload).toEqual({ n: 1 });
  });

  it('puts a due message in its place by priority', async () => {
    const { queue, clock } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 'late-high', { delayMs: 1000, priority: 9 }));
    await queue.enqueue('q', queue.createMessage('t', 'low', { priority: 2 }));
    await queue.enqueue('q', queue.createMessage('t', 'mid', { priority: 5 }));
    await clock.advance(1000);
    const order: unknown[] = [];
    for (let m = await queue.dequeue('q'); m !== null; m = await queue.dequeue('q')) order.push(m.payload);
    expect(order).toEqual(['late-high', 'mid', 'low']);
  });

  it('releases delayed messages in due order', async () => {
    const { queue, clock } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 'b', { delayMs: 2000 }));
    await queue.enqueue('q', queue.createMessage('t', 'a', { delayMs: 1000 }));
    await clock.advance(1000);
    expect((await queue.dequeue('q'))?.payload).toBe('a');
    expect(await queue.dequeue('q')).toBeNull();
    await clock.advance(1000);
    expect((await queue.dequeue('q'))?.payload).toBe('b');
  });

  h.it('counts a delayed message as pending and not ready', { counts: 'exact' }, async () => {
    const { queue } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 1, { delayMs: 60_000 }));
    expect(await queue.size('q')).toBe(1);
    const stats = await queue.getStats('q');
    expect(stats).toMatchObject({ pendingMessages: 1, delayedMessages: 1, readyMessages: 0 });
  });
}
