import { isMqError } from '@mq/core';
import { expect } from 'vitest';
import type { ContractHarness, ContractSetup } from '../contract-harness.js';

const KEYED = { deduplication: true } as const;
const LISTABLE = { deduplication: true, deadLetters: 'listable' } as const;

/** Takes the only message of `q` and fails it for good (maxRetries 0 → dead letter). */
async function failForGood(setup: ContractSetup): Promise<string> {
  const message = await setup.queue.dequeue('q');
  if (message === null) throw new Error('expected a message');
  expect(await setup.queue.nack(message, new Error('boom'))).toMatchObject({ deadLettered: true });
  return message.id;
}

/** The situations a key meets (docs/deduplication.md, table "modes × situations"). */
export function deduplicationEdgeCases(h: ContractHarness): void {
  h.it('until-settled: the key holds while a retry is scheduled and while the lease has expired', KEYED, async () => {
    const { queue, clock } = await h.setup();
    const key = { deduplication: { key: 'k' }, maxRetries: 3 };
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a', ...key }));
    const taken = await queue.dequeue('q', { visibilityTimeoutMs: 1000 });
    const result = await queue.nack(taken as NonNullable<typeof taken>, new Error('again'));
    expect(result).toMatchObject({ deadLettered: false });
    expect(await queue.enqueue('q', queue.createMessage('t', 2, { id: 'b', ...key }))).toBe('a');
    await clock.advance(result.retryInMs ?? 0);
    expect((await queue.dequeue('q', { visibilityTimeoutMs: 1000 }))?.id).toBe('a');
    await clock.advance(5000);
    expect(await queue.enqueue('q', queue.createMessage('t', 3, { id: 'c', ...key }))).toBe('a');
  });

  h.it('until-settled: a dead letter releases the key; replaying it takes the key again', LISTABLE, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    const key = { deduplication: { key: 'k' }, maxRetries: 0 };
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a', ...key }));
    await failForGood(setup);
    expect(await queue.enqueue('q', queue.createMessage('t', 2, { id: 'b', ...key }))).toBe('b');
    await queue.ack((await queue.dequeue('q')) as NonNullable<Awaited<ReturnType<typeof queue.dequeue>>>);
    expect(await queue.replayDeadLetters('q', ['a'])).toEqual({ replayed: ['a'], notFound: [] });
    expect(await queue.enqueue('q', queue.createMessage('t', 3, { id: 'c', ...key }))).toBe('a');
  });

  h.it('until-settled: a dead letter whose key another message holds stays dead on replay (reported not moved)', LISTABLE, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    const key = { deduplication: { key: 'k' }, maxRetries: 0 };
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a', ...key }));
    await failForGood(setup);
    await queue.enqueue('q', queue.createMessage('t', 2, { id: 'b', ...key }));
    expect(await queue.replayDeadLetters('q', ['a'])).toEqual({ replayed: [], notFound: ['a'] });
    expect((await queue.deadLetters('q')).map((d) => d.id)).toEqual(['a']);
    expect(await queue.size('q')).toBe(1);
  });

  h.it('ttl: the key holds through a dead letter and its replay', LISTABLE, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    const key = { deduplication: { key: 'k', ttlMs: 10_000 }, maxRetries: 0 };
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a', ...key }));
    await failForGood(setup);
    expect(await queue.enqueue('q', queue.createMessage('t', 2, { id: 'b', ...key }))).toBe('a');
    expect((await queue.replayDeadLetters('q')).replayed).toEqual(['a']);
  });

  h.it('purge and deleteQueue release every key of the queue', KEYED, async () => {
    const { queue } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a', deduplication: { key: 'k' } }));
    await queue.enqueue('q', queue.createMessage('t', 2, { id: 'b', deduplication: { key: 't', ttlMs: 60_000 } }));
    await queue.purge('q');
    expect(await queue.enqueue('q', queue.createMessage('t', 3, { id: 'c', deduplication: { key: 'k' } }))).toBe('c');
    expect(await queue.enqueue('q', queue.createMessage('t', 4, { id: 'd', deduplication: { key: 't', ttlMs: 60_000 } }))).toBe('d');
    await queue.deleteQueue('q');
    expect(await queue.enqueue('q', queue.createMessage('t', 5, { id: 'e', deduplication: { key: 'k' } }))).toBe('e');
    expect(await queue.enqueue('q', queue.createMessage('t', 6, { id: 'f', deduplication: { key: 't', ttlMs: 60_000 } }))).toBe('f');
  });

  h.it('two producers racing with the same key: exactly one message stands and both get its id', KEYED, async () => {
    const setup = await h.setup();
    const other = await setup.peer();
    const rounds = 20;
    for (let n = 0; n < rounds; n++) {
      const key = { deduplication: { key: `race-${n}` } };
      const ids = await Promise.all([
        setup.queue.enqueue('q', setup.queue.createMessage('t', n, { id: `a${n}`, ...key })),
        other.enqueue('q', other.createMessage('t', n, { id: `b${n}`, ...key })),
      ]);
      expect(ids[0]).toBe(ids[1]);
    }
    expect(await setup.queue.size('q')).toBe(rounds);
  });

  h.it('bad keys are refused with MQ_INVALID_MESSAGE, naming the field; nothing is stored', KEYED, async () => {
    const { queue } = await h.setup();
    for (const key of ['', 'x'.repeat(257), 42, null]) {
      const made = (): unknown => queue.createMessage('t', 1, { deduplication: { key } as never });
      expect(made).toThrow(expect.objectContaining({ code: 'MQ_INVALID_MESSAGE', details: expect.objectContaining({ field: 'deduplication.key' }) }));
      const forged = { ...queue.createMessage('t', 1), deduplication: { key, mode: 'until-settled' } } as never;
      const error: unknown = await queue.enqueue('q', forged).catch((e: unknown) => e);
      expect(isMqError(error, 'MQ_INVALID_MESSAGE')).toBe(true);
    }
    expect(await queue.size('q')).toBe(0);
  });

  h.it('debounce: the message behind an in-flight holder is held back (counted as waiting, not taken) until the holder completes', KEYED, async () => {
    const { queue } = await h.setup();
    const key = { deduplication: { key: 'k', ttlMs: 60_000, mode: 'debounce' as const } };
    await queue.enqueue('q', queue.createMessage('t', 'v1', { id: 'a', ...key }));
    const holder = await queue.dequeue('q');
    expect(await queue.enqueue('q', queue.createMessage('t', 'v2', { id: 'b', ...key }))).toBe('b');
    expect(await queue.size('q')).toBe(1);
    expect(await queue.dequeue('q')).toBeNull();
    // Its id is taken while it waits.
    const error: unknown = await queue.enqueue('q', queue.createMessage('t', 'again', { id: 'b' })).catch((e: unknown) => e);
    expect(isMqError(error, 'MQ_DUPLICATE_MESSAGE_ID')).toBe(true);
    await queue.ack(holder as NonNullable<typeof holder>);
    const next = await queue.dequeue('q');
    expect(next).toMatchObject({ id: 'b', payload: 'v2' });
    // It holds the key now: a new one waits behind it in turn.
    expect(await queue.enqueue('q', queue.createMessage('t', 'v3', { id: 'c', ...key }))).toBe('c');
    expect(await queue.dequeue('q')).toBeNull();
    await queue.ack(next as NonNullable<typeof next>);
    expect((await queue.dequeue('q'))?.id).toBe('c');
  });

  h.it('debounce: a holder released for a retry keeps holding, the one behind it still waits; a dead letter releases it too', KEYED, async () => {
    const { queue, clock } = await h.setup();
    const key = { deduplication: { key: 'k', ttlMs: 60_000, mode: 'debounce' as const }, maxRetries: 1 };
    await queue.enqueue('q', queue.createMessage('t', 'v1', { id: 'a', ...key }));
    const first = await queue.dequeue('q');
    await queue.enqueue('q', queue.createMessage('t', 'v2', { id: 'b', ...key }));
    const retry = await queue.nack(first as NonNullable<typeof first>, new Error('again'));
    expect(retry).toMatchObject({ deadLettered: false });
    await clock.advance(retry.retryInMs ?? 0);
    const second = await queue.dequeue('q');
    expect(second?.id).toBe('a');
    expect(await queue.dequeue('q')).toBeNull();
    expect(await queue.nack(second as NonNullable<typeof second>, new Error('for good'))).toMatchObject({ deadLettered: true });
    expect(await queue.dequeue('q')).toMatchObject({ id: 'b', payload: 'v2' });
  });
}
