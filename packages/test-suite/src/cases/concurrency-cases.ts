import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** Concurrent consumers never receive the same message. */
export function concurrencyCases(h: ContractHarness): void {
  it('hands each message to exactly one of many concurrent dequeuers', async () => {
    const setup = await h.setup();
    const peer = await setup.peer();
    const total = 200;
    await setup.queue.enqueueMany('q', Array.from({ length: total }, (_, n) => setup.queue.createMessage('t', n, { priority: (n % 10) + 1 })));
    const seen: string[] = [];
    const drain = async (queue: typeof peer): Promise<void> => {
      for (let m = await queue.dequeue('q'); m !== null; m = await queue.dequeue('q')) seen.push(m.id);
    };
    await Promise.all([drain(setup.queue), drain(peer), drain(setup.queue), drain(peer)]);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('hands each message to exactly one of two subscribers', async () => {
    const setup = await h.setup();
    const peer = await setup.peer();
    const total = 100;
    const seen: string[] = [];
    for (const queue of [setup.queue, peer]) {
      queue.subscribe('q', (m) => {
        seen.push(m.id);
      }, { concurrency: 4 });
    }
    await setup.queue.enqueueMany('q', Array.from({ length: total }, (_, n) => setup.queue.createMessage('t', n)));
    await h.eventually(() => expect(seen.length).toBeGreaterThanOrEqual(total));
    await h.eventually(async () => expect((await setup.queue.getStats('q')).completedMessages).toBe(total));
    expect(new Set(seen).size).toBe(total);
    expect(seen).toHaveLength(total);
  });
}
