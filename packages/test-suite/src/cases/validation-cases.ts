import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** Bad input is refused at the edge, with a code, and nothing is stored or lost. */
export function validationCases(h: ContractHarness): void {
  it('rejects bad queue names before touching the store', async () => {
    const { queue } = await h.setup();
    const message = queue.createMessage('t', 'x');
    for (const name of ['', 'a'.repeat(129), 'a b', 'a{b}', 'q*', 'ä', 'x/y']) {
      await expect(queue.enqueue(name, message)).rejects.toMatchObject({ code: 'MQ_INVALID_QUEUE_NAME' });
      await expect(queue.purge(name)).rejects.toMatchObject({ code: 'MQ_INVALID_QUEUE_NAME' });
    }
    expect((await queue.getStats()).queues).toEqual([]);
  });

  it('stores nothing when one message of a batch is invalid', async () => {
    const { queue } = await h.setup();
    const good = queue.createMessage('t', 1);
    const bad = { ...queue.createMessage('t', 2), priority: 11 };
    await expect(queue.enqueueMany('q', [good, bad])).rejects.toMatchObject({ code: 'MQ_INVALID_PRIORITY' });
    await expect(queue.enqueueMany('q', [good, good])).rejects.toMatchObject({ code: 'MQ_DUPLICATE_MESSAGE_ID' });
    expect(await queue.size('q')).toBe(0);
  });

  h.it('keeps queued messages when a duplicate id is refused', { atomicBatchEnqueue: true, counts: 'exact' }, async () => {
    const { queue } = await h.setup();
    const first = queue.createMessage('t', 1);
    await queue.enqueue('q', first);
    await expect(queue.enqueueMany('q', [queue.createMessage('t', 2), first])).rejects.toMatchObject({ code: 'MQ_DUPLICATE_MESSAGE_ID' });
    expect(await queue.size('q')).toBe(1);
    expect((await queue.dequeue('q'))?.payload).toBe(1);
  });

  it('refuses to ack something that was not dequeued', async () => {
    const { queue } = await h.setup();
    const message = queue.createMessage('t', 1);
    await expect(queue.ack(message as never)).rejects.toMatchObject({ code: 'MQ_INVALID_MESSAGE' });
  });

  h.it('stores each message of a batch on its own where batches are not atomic, and says so on a duplicate', { atomicBatchEnqueue: false }, async () => {
    const { queue } = await h.setup();
    const first = queue.createMessage('t', 1);
    await queue.enqueue('q', first);
    const refused = queue.enqueueMany('q', [queue.createMessage('t', 2), first, queue.createMessage('t', 3)]);
    await expect(refused).rejects.toMatchObject({ code: 'MQ_DUPLICATE_MESSAGE_ID', details: { ids: [first.id] } });
    await expect(refused).rejects.toThrow(/not atomic/);
    const seen: unknown[] = [];
    for (let m = await queue.dequeue('q'); m !== null; m = await queue.dequeue('q')) seen.push(m.payload);
    expect(seen.sort()).toEqual([1, 2, 3]);
  });
}
