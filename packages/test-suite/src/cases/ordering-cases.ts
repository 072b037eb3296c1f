import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** Higher priority first; FIFO within a priority. */
export function orderingCases(h: ContractHarness): void {
  it('takes higher priorities first', async () => {
    const { queue } = await h.setup();
    for (const priority of [3, 9, 1, 10, 5]) await queue.enqueue('q', queue.createMessage('t', { priority }, { priority }));
    const seen: number[] = [];
    for (let m = await queue.dequeue('q'); m !== null; m = await queue.dequeue('q')) seen.push(m.priority);
    expect(seen).toEqual([10, 9, 5, 3, 1]);
  });

  it('keeps FIFO order within a priority, including across enqueueMany', async () => {
    const { queue } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', { n: 0 }, { priority: 7 }));
    await queue.enqueueMany('q', [1, 2, 3].map((n) => queue.createMessage('t', { n }, { priority: 7 })));
    await queue.enqueue('q', queue.createMessage('t', { n: 'high' }, { priority: 8 }));
    await queue.enqueue('q', queue.createMessage('t', { n: 4 }, { priority: 7 }));
    const seen: unknown[] = [];
    for (let m = await queue.dequeue('q'); m !== null; m = await queue.dequeue('q')) seen.push((m.payload as { n: unknown }).n);
    expect(seen).toEqual(['high', 0, 1, 2, 3, 4]);
  });

  it('defaults to priority 5 and returns the message as it was created', async () => {
    const { queue } = await h.setup();
    const created = queue.createMessage('greeting', { text: 'hi', at: new Date(0) }, { userId: 'u1', conversationId: 'c1', correlationId: 'r1', headers: { traceparent: 'x' } });
    await queue.enqueue('q', created);
    const taken = await queue.dequeue('q');
    expect(taken).toMatchObject({
      id: created.id,
      type: 'greeting',
      payload: { text: 'hi', at: '1970-01-01T00:00:00.000Z' },
      priority: 5,
      createdAt: created.createdAt,
      attempts: 1,
      maxRetries: 3,
      queueName: 'q',
      metadata: { userId: 'u1', conversationId: 'c1', correlationId: 'r1', headers: { traceparent: 'x' } },
    });
  });

  it('returns null from an empty queue', async () => {
    const { queue } = await h.setup();
    expect(await queue.dequeue('empty')).toBeNull();
  });
}
