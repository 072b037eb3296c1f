import { isMqError } from '@mq/core';
import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** Leases: an expired lease makes the message available again, counts as an attempt, and fences the old holder. */
export function leaseCases(h: ContractHarness): void {
  it('redelivers a message whose lease expired, counting the attempt', async () => {
    const { queue, clock } = await h.setup({ visibilityTimeoutMs: 1000 });
    await queue.enqueue('q', queue.createMessage('t', 'x'));
    const first = await queue.dequeue('q');
    expect(first?.attempts).toBe(1);
    expect(await queue.dequeue('q')).toBeNull();
    await clock.advance(1000);
    expect(await queue.dequeue('q')).toBeNull();
    await clock.advance(1);
    const second = await queue.dequeue('q');
    expect(second).toMatchObject({ id: first?.id, attempts: 2 });
    expect(second?.lease.token).not.toBe(first?.lease.token);
  });

  h.it('puts a message whose lease expired back ahead of messages enqueued after it, in its old order', { reclaimToFront: true, ordering: 'strict' }, async () => {
    const { queue, clock } = await h.setup({ visibilityTimeoutMs: 1000 });
    for (const id of ['a', 'b', 'c', 'd']) await queue.enqueue('q', queue.createMessage('t', id, { id }));
    expect([(await queue.dequeue('q'))?.id, (await queue.dequeue('q'))?.id]).toEqual(['a', 'b']);
    await clock.advance(1001);
    const order: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) order.push((await queue.dequeue('q'))?.id);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  h.it('rejects ack and nack from a holder whose lease was lost, changing nothing', { counts: 'exact' }, async () => {
    const { queue, clock, raw } = await h.setup({ visibilityTimeoutMs: 1000 });
    await queue.enqueue('q', queue.createMessage('t', 'x'));
    const stale = await queue.dequeue('q');
    await clock.advance(1001);
    const current = await queue.dequeue('q');
    expect(current?.id).toBe(stale?.id);
    if (stale === null || current === null) throw new Error('expected messages');
    await expect(queue.ack(stale)).rejects.toSatisfy((e) => isMqError(e, 'MQ_LEASE_LOST'));
    await expect(queue.nack(stale, new Error('late'))).rejects.toSatisfy((e) => isMqError(e, 'MQ_LEASE_LOST'));
    expect((await queue.getStats('q')).processingMessages).toBe(1);
    expect(await raw('q')).toSatisfy((c) => c === undefined || (c.leased === 1 && c.waiting === 0));
    await queue.ack(current);
    expect(await queue.getStats('q')).toMatchObject({ processingMessages: 0, completedMessages: 1 });
  });

  it('rejects an ack after the lease expired even if nobody took the message again', async () => {
    const { queue, clock } = await h.setup({ visibilityTimeoutMs: 500 });
    await queue.enqueue('q', queue.createMessage('t', 'x'));
    const message = await queue.dequeue('q');
    await clock.advance(501);
    if (message === null) throw new Error('expected a message');
    await expect(queue.ack(message)).rejects.toSatisfy((e) => isMqError(e, 'MQ_LEASE_LOST'));
    expect((await queue.dequeue('q'))?.id).toBe(message.id);
  });

  it('accepts a per-dequeue lease', async () => {
    const { queue, clock } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 'x'));
    const message = await queue.dequeue('q', { visibilityTimeoutMs: 200 });
    expect(message?.lease.expiresAt).toBe(clock.now() + 200);
    await clock.advance(201);
    expect((await queue.dequeue('q'))?.attempts).toBe(2);
  });

  h.it('dead-letters a message whose lease expires on its final attempt', { deadLetters: 'listable' }, async () => {
    const { queue, clock } = await h.setup({ visibilityTimeoutMs: 100 });
    await queue.enqueue('q', queue.createMessage('t', 'poison', { maxRetries: 1 }));
    await queue.dequeue('q');
    await clock.advance(101);
    expect((await queue.dequeue('q'))?.attempts).toBe(2);
    await clock.advance(101);
    const dead = h.nextEvent(queue, 'deadLetter');
    expect(await queue.dequeue('q')).toBeNull();
    const [event] = await dead;
    expect(event.error).toSatisfy((e) => isMqError(e, 'MQ_LEASE_EXPIRED'));
    expect((await queue.deadLetters('q')).map((d) => d.id)).toEqual([event.message.id]);
  });

  h.it('counts in an expired dead letter only the deliveries whose handler ran or whose lease expired', { deadLetters: 'listable' }, async () => {
    const { queue, clock } = await h.setup({ visibilityTimeoutMs: 100 });
    await queue.enqueue('q', queue.createMessage('t', 'poison', { maxRetries: 2 }));
    for (let delivery = 1; delivery <= 3; delivery++) {
      expect((await queue.dequeue('q'))?.attempts).toBe(delivery);
      await clock.advance(101);
    }
    const dead = h.nextEvent(queue, 'deadLetter');
    // This take finds the message out of attempts: it dead-letters it without handing it out.
    expect(await queue.dequeue('q')).toBeNull();
    const [event] = await dead;
    expect(event.message.attempts).toBe(3);
    expect((await queue.deadLetters('q')).map((d) => d.attempts)).toEqual([3]);
  });
}
