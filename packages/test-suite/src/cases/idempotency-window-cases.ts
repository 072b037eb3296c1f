import type { DeduplicatedEvent } from '@mq/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** Takes the only ready message of `q` and acks it; returns its id. */
async function takeAndAck(queue: Awaited<ReturnType<ContractHarness['setup']>>['queue']): Promise<string> {
  const message = await queue.dequeue('q');
  if (message === null) throw new Error('expected a message');
  await queue.ack(message);
  return message.id;
}

/** The idempotency window (docs/deduplication.md): ids remembered after they leave a queue. */
export function idempotencyWindowCases(h: ContractHarness): void {
  h.itRemembering('an acked id enqueued again within a 20 s window (2 × enqueueTimeoutMs) is a no-op resolving with the id, emitting deduplicated mode id', async () => {
    const { queue, clock } = await h.setup({ enqueueTimeoutMs: 10_000, idempotencyWindowMs: 20_000 });
    const events: DeduplicatedEvent[] = [];
    queue.on('deduplicated', (e) => events.push(e));
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' }));
    await takeAndAck(queue);
    await clock.advance(19_000);
    expect(await queue.enqueue('q', queue.createMessage('t', 2, { id: 'a' }))).toBe('a');
    expect(await queue.size('q')).toBe(0);
    expect(events).toEqual([{ queueName: 'q', key: 'a', messageId: 'a', existingId: 'a', mode: 'id' }]);
    // After the window (at most window / 8 more), the id is new again.
    await clock.advance(4000);
    expect(await queue.enqueue('q', queue.createMessage('t', 3, { id: 'a' }))).toBe('a');
    expect(await queue.size('q')).toBe(1);
    expect(events).toHaveLength(1);
  });

  h.itRemembering('enqueueMany stores the new ids and drops the remembered ones, resolving with every id in order', async () => {
    const { queue } = await h.setup({ idempotencyWindowMs: 20_000 });
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' }));
    await takeAndAck(queue);
    const ids = await queue.enqueueMany('q', [queue.createMessage('t', 2, { id: 'b' }), queue.createMessage('t', 3, { id: 'a' }), queue.createMessage('t', 4, { id: 'c' })]);
    expect(ids).toEqual(['b', 'a', 'c']);
    expect(await queue.size('q')).toBe(2);
    expect(await takeAndAck(queue)).toBe('b');
    expect(await takeAndAck(queue)).toBe('c');
  });

  h.itRemembering('purge and purging dead letters remember the ids they remove', async () => {
    const { queue } = await h.setup({ idempotencyWindowMs: 20_000 });
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' }));
    await queue.enqueue('q', queue.createMessage('t', 2, { id: 'd', maxRetries: 0 }));
    const failing = await queue.dequeue('q');
    expect(failing?.id).toBe('a');
    await queue.ack(failing as NonNullable<typeof failing>);
    const dead = await queue.dequeue('q');
    expect(await queue.nack(dead as NonNullable<typeof dead>, new Error('boom'))).toMatchObject({ deadLettered: true });
    await queue.enqueue('q', queue.createMessage('t', 3, { id: 'p' }));
    await queue.purge('q');
    await queue.purgeDeadLetters('q');
    expect(await queue.enqueueMany('q', [queue.createMessage('t', 4, { id: 'p' }), queue.createMessage('t', 5, { id: 'd' })])).toEqual(['p', 'd']);
    expect(await queue.size('q')).toBe(0);
  });

  h.itRemembering('a per-queue window overrides the default; 0 turns it off', async () => {
    const { queue, clock } = await h.setup({ idempotencyWindowMs: 0, queueIdempotencyWindowMs: { long: 3_600_000 } });
    for (const name of ['q', 'long'] as const) {
      await queue.enqueue(name, queue.createMessage('t', 1, { id: 'a' }));
      const message = await queue.dequeue(name);
      await queue.ack(message as NonNullable<typeof message>);
    }
    await clock.advance(3_000_000);
    expect(await queue.enqueue('q', queue.createMessage('t', 2, { id: 'a' }))).toBe('a');
    expect(await queue.size('q')).toBe(1);
    expect(await queue.enqueue('long', queue.createMessage('t', 2, { id: 'a' }))).toBe('a');
    expect(await queue.size('long')).toBe(0);
  });

  h.itRemembering('an id still stored is refused as a duplicate, not deduplicated', async () => {
    const { queue } = await h.setup({ idempotencyWindowMs: 20_000 });
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' }));
    const error: unknown = await queue.enqueue('q', queue.createMessage('t', 2, { id: 'a' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MQ_DUPLICATE_MESSAGE_ID' });
  });
}
