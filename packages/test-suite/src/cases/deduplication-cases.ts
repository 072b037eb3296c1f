import type { DeduplicatedEvent, MessageQueue } from '@mq/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';
import { deduplicationEdgeCases } from './deduplication-edge-cases.js';

const KEYED = { deduplication: true } as const;

/** Every `deduplicated` event of `queue` from now on. */
export function recordDeduplicated(queue: MessageQueue): DeduplicatedEvent[] {
  const seen: DeduplicatedEvent[] = [];
  queue.on('deduplicated', (event) => void seen.push(event));
  return seen;
}

/** The three modes of a deduplication key (docs/deduplication.md), and enqueueMany's batches. */
export function deduplicationCases(h: ContractHarness): void {
  h.it('until-settled: a second message with the key is dropped while the first waits; enqueue resolves with the first id', KEYED, async () => {
    const { queue } = await h.setup();
    const seen = recordDeduplicated(queue);
    const first = await queue.enqueue('q', queue.createMessage('t', 'first', { id: 'a', deduplication: { key: 'order-1' } }));
    const second = await queue.enqueue('q', queue.createMessage('t', 'second', { id: 'b', deduplication: { key: 'order-1' } }));
    expect([first, second]).toEqual(['a', 'a']);
    expect(seen).toEqual([{ queueName: 'q', key: 'order-1', messageId: 'b', existingId: 'a', mode: 'until-settled' }]);
    expect(await queue.size('q')).toBe(1);
    expect(await queue.enqueue('q', queue.createMessage('t', 'other', { id: 'c', deduplication: { key: 'order-2' } }))).toBe('c');
    expect(await queue.enqueue('q', queue.createMessage('t', 'elsewhere', { id: 'd', deduplication: { key: 'order-1' } }))).toBe('a');
    expect(await queue.enqueue('other', queue.createMessage('t', 'other queue', { id: 'e', deduplication: { key: 'order-1' } }))).toBe('e');
  });

  h.it('until-settled: dropped while the first is delayed or in flight; released when it completes', KEYED, async () => {
    const { queue, clock } = await h.setup();
    const key = { deduplication: { key: 'k' } };
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a', delayMs: 1000, ...key }));
    expect(await queue.enqueue('q', queue.createMessage('t', 2, { id: 'b', ...key }))).toBe('a');
    await clock.advance(1000);
    const taken = await queue.dequeue('q');
    expect(taken?.id).toBe('a');
    expect(await queue.enqueue('q', queue.createMessage('t', 3, { id: 'c', ...key }))).toBe('a');
    await queue.ack(taken as NonNullable<typeof taken>);
    expect(await queue.enqueue('q', queue.createMessage('t', 4, { id: 'd', ...key }))).toBe('d');
    expect(await queue.dequeue('q')).toMatchObject({ id: 'd', payload: 4 });
    expect(await queue.dequeue('q')).toBeNull();
  });

  h.it('ttl: dropped for ttlMs after the first enqueue, whatever became of the first', KEYED, async () => {
    const { queue, clock } = await h.setup();
    const seen = recordDeduplicated(queue);
    const key = { deduplication: { key: 'k', ttlMs: 5000 } };
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a', ...key }));
    const taken = await queue.dequeue('q');
    await queue.ack(taken as NonNullable<typeof taken>);
    await clock.advance(4999);
    expect(await queue.enqueue('q', queue.createMessage('t', 2, { id: 'b', ...key }))).toBe('a');
    expect(seen).toEqual([{ queueName: 'q', key: 'k', messageId: 'b', existingId: 'a', mode: 'ttl' }]);
    await clock.advance(1);
    expect(await queue.enqueue('q', queue.createMessage('t', 3, { id: 'c', ...key }))).toBe('c');
    expect(await queue.dequeue('q')).toMatchObject({ id: 'c', payload: 3 });
  });

  h.it('debounce: the waiting message is replaced by the new one, due after its delayMs', KEYED, async () => {
    const { queue, clock } = await h.setup();
    const seen = recordDeduplicated(queue);
    const key = { deduplication: { key: 'k', ttlMs: 60_000, mode: 'debounce' as const } };
    await queue.enqueue('q', queue.createMessage('t', 'v1', { id: 'a', delayMs: 1000, ...key }));
    await clock.advance(900);
    expect(await queue.enqueue('q', queue.createMessage('t', 'v2', { id: 'b', delayMs: 1000, ...key }))).toBe('b');
    expect(seen).toEqual([{ queueName: 'q', key: 'k', messageId: 'b', existingId: 'a', mode: 'debounce' }]);
    await clock.advance(999);
    expect(await queue.dequeue('q')).toBeNull();
    await clock.advance(1);
    const taken = await queue.dequeue('q');
    expect(taken).toMatchObject({ id: 'b', payload: 'v2', attempts: 1 });
    expect(await queue.dequeue('q')).toBeNull();
    expect(await queue.getStats('q')).toMatchObject({ pendingMessages: 0, processingMessages: 1 });
  });

  h.it('debounce: with the first in flight, the new one waits behind it; a third replaces that one', KEYED, async () => {
    const { queue } = await h.setup();
    const key = { deduplication: { key: 'k', ttlMs: 60_000, mode: 'debounce' as const } };
    await queue.enqueue('q', queue.createMessage('t', 'v1', { id: 'a', ...key }));
    const first = await queue.dequeue('q');
    expect(await queue.enqueue('q', queue.createMessage('t', 'v2', { id: 'b', ...key }))).toBe('b');
    expect(await queue.enqueue('q', queue.createMessage('t', 'v3', { id: 'c', ...key }))).toBe('c');
    await queue.ack(first as NonNullable<typeof first>);
    const next = await queue.dequeue('q');
    expect(next).toMatchObject({ id: 'c', payload: 'v3' });
    expect(await queue.dequeue('q')).toBeNull();
    await queue.ack(next as NonNullable<typeof next>);
    expect(await queue.enqueue('q', queue.createMessage('t', 'v4', { id: 'd', ...key }))).toBe('d');
  });

  h.it('enqueueMany deduplicates within the batch and against the store, and resolves with the standing ids', KEYED, async () => {
    const { queue } = await h.setup();
    const seen = recordDeduplicated(queue);
    await queue.enqueue('q', queue.createMessage('t', 0, { id: 'held', deduplication: { key: 'x' } }));
    const ids = await queue.enqueueMany('q', [
      queue.createMessage('t', 1, { id: 'a', deduplication: { key: 'y' } }),
      queue.createMessage('t', 2, { id: 'b', deduplication: { key: 'x' } }),
      queue.createMessage('t', 3, { id: 'c', deduplication: { key: 'y' } }),
      queue.createMessage('t', 4, { id: 'd' }),
    ]);
    expect(ids).toEqual(['a', 'held', 'a', 'd']);
    expect(seen.map((e) => [e.messageId, e.existingId])).toEqual([
      ['b', 'held'],
      ['c', 'a'],
    ]);
    expect(await queue.size('q')).toBe(3);
  });

  h.it('enqueueMany is all or none: a batch refused for a duplicate id takes no key', KEYED, async () => {
    const { queue } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 0, { id: 'taken' }));
    const batch = [queue.createMessage('t', 1, { id: 'a', deduplication: { key: 'k' } }), queue.createMessage('t', 2, { id: 'taken' })];
    await expect(queue.enqueueMany('q', batch)).rejects.toMatchObject({ code: 'MQ_DUPLICATE_MESSAGE_ID' });
    expect(await queue.enqueue('q', queue.createMessage('t', 3, { id: 'b', deduplication: { key: 'k' } }))).toBe('b');
    expect(await queue.size('q')).toBe(2);
  });

  deduplicationEdgeCases(h);
}
