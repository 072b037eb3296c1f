import { ManualClock } from '@mq/core';
import type { EnqueueRecord } from '@mq/core/provider';
import { createLimitedProvider, inspectMemoryQueue } from '@mq/memory/testing';
import { describe, expect, it } from 'vitest';

const record = (id: string, extra: Partial<EnqueueRecord> = {}): EnqueueRecord => ({ id, priority: 5, delayMs: 0, data: id, ...extra });
const LEASE = { max: 10, leaseMs: 1000 };

describe('createLimitedProvider(): a store that really lacks what it is told to lack', () => {
  it('declares the in-memory capabilities with its lacks, under its own name', () => {
    const provider = createLimitedProvider({ priorities: 'none', maxDelayMs: 900, name: 'sqs-like' });
    expect(provider.name).toBe('sqs-like');
    expect(provider.capabilities).toMatchObject({ priorities: 'none', maxDelayMs: 900, fencedAcks: true, ordering: 'strict', binaryData: true });
    expect(() => createLimitedProvider({ ordering: 'random' } as never)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_ARGUMENT', details: { field: 'ordering' } }));
    expect(() => createLimitedProvider({ maxDelayMs: 0 })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_ARGUMENT' }));
    expect(() => createLimitedProvider({ groups: true } as never)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_ARGUMENT', details: { field: 'groups' } }));
  });

  it('priorities none: ignores priority (first in, first out, handed back at priority 5)', async () => {
    const provider = createLimitedProvider({ priorities: 'none' });
    await provider.doEnqueue('q', [record('low', { priority: 1 }), record('high', { priority: 10 })]);
    expect((await provider.doTake('q', LEASE)).map((r) => [r.id, r.priority])).toEqual([['low', 5], ['high', 5]]);
  });

  it('fencedAcks false: a stale lease token still acks, releases and dead-letters', async () => {
    const clock = new ManualClock();
    const provider = createLimitedProvider({ clock, fencedAcks: false });
    await provider.doEnqueue('q', [record('a'), record('b'), record('c')]);
    const first = await provider.doTake('q', LEASE);
    await clock.advance(1001);
    const second = await provider.doTake('q', LEASE);
    expect(second.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    const stale = (i: number): { id: string; leaseToken: string } => ({ id: first[i]?.id ?? '', leaseToken: first[i]?.leaseToken ?? '' });
    expect(await provider.doAck('q', stale(0), 5)).toBe(true);
    expect(await provider.doRelease('q', stale(1), { delayMs: 0 })).toBe(true);
    expect(await provider.doDeadLetter('q', stale(2), 'late')).toBe(true);
    expect(inspectMemoryQueue(provider, 'q')).toEqual({ waiting: 1, leased: 0, dead: 1 });
    expect(await provider.doAck('q', { id: second[1]?.id ?? '', leaseToken: second[1]?.leaseToken ?? '' }, 5)).toBe(false);
  });

  it('maxDelayMs: refuses an enqueue or a release with a longer delay', async () => {
    const provider = createLimitedProvider({ maxDelayMs: 1000 });
    await expect(provider.doEnqueue('q', [record('a', { delayMs: 1001 })])).rejects.toThrow(/longer than the 1000 ms/);
    await provider.doEnqueue('q', [record('a', { delayMs: 1000 }), record('b')]);
    const [b] = await provider.doTake('q', LEASE);
    await expect(provider.doRelease('q', { id: 'b', leaseToken: b?.leaseToken ?? '' }, { delayMs: 5000 })).rejects.toThrow(/longer than/);
  });

  it('deadLetters none: cannot list dead letters nor pick them by id; all of them move back or go', async () => {
    const provider = createLimitedProvider({ deadLetters: 'none' });
    await provider.doEnqueue('q', [record('a'), record('b')]);
    for (const taken of await provider.doTake('q', LEASE)) await provider.doDeadLetter('q', { id: taken.id, leaseToken: taken.leaseToken }, 'x');
    await expect(provider.doListDeadLetters('q', { offset: 0, limit: 10 })).rejects.toThrow(/cannot list/);
    await expect(provider.doReplayDeadLetters('q', ['a'])).rejects.toThrow(/by id/);
    await expect(provider.doPurgeDeadLetters('q', ['a'])).rejects.toThrow(/by id/);
    expect((await provider.doReplayDeadLetters('q', undefined)).sort()).toEqual(['a', 'b']);
    expect(await provider.doPurgeDeadLetters('q', undefined)).toBe(0);
  });

  it('counts approximate: answers one read behind', async () => {
    const provider = createLimitedProvider({ counts: 'approximate' });
    expect((await provider.doCount('q')).ready).toBe(0);
    await provider.doEnqueue('q', [record('a')]);
    expect((await provider.doCount('q')).ready).toBe(0);
    expect((await provider.doCount('q')).ready).toBe(1);
  });

  it('atomicBatchEnqueue false: stores a batch record by record, leaving the others of a batch with a duplicate stored', async () => {
    const provider = createLimitedProvider({ atomicBatchEnqueue: false });
    await provider.doEnqueue('q', [record('dup')]);
    expect(await provider.doEnqueue('q', [record('a'), record('dup'), record('b')])).toEqual({ duplicateIds: ['dup'] });
    expect(inspectMemoryQueue(provider, 'q')).toMatchObject({ waiting: 3 });
  });

  it('blockingTake: a take with waitMs waits for work, up to waitMs by the clock', async () => {
    const clock = new ManualClock();
    const provider = createLimitedProvider({ clock, blockingTake: true });
    let woken: string[] | undefined;
    const waiting = provider.doTake('q', { ...LEASE, waitMs: 20_000 }).then((r) => (woken = r.map((x) => x.id)));
    await clock.advance(19_999);
    expect(woken).toBeUndefined();
    await provider.doEnqueue('q', [record('a')]);
    await waiting;
    expect(woken).toEqual(['a']);
    const empty = provider.doTake('q', { ...LEASE, waitMs: 500 });
    await clock.advance(500);
    expect(await empty).toEqual([]);
    // Without waitMs it answers at once, as any take.
    expect(await provider.doTake('q', LEASE)).toEqual([]);
  });

  it('blockingTake: options.signal ends the wait early, with nothing taken', async () => {
    const provider = createLimitedProvider({ blockingTake: true, clock: new ManualClock() });
    const stop = new AbortController();
    const waiting = provider.doTake('q', { ...LEASE, waitMs: 60_000, signal: stop.signal });
    stop.abort();
    expect(await waiting).toEqual([]);
    await provider.doEnqueue('q', [record('a')]);
    expect(inspectMemoryQueue(provider, 'q')).toMatchObject({ waiting: 1, leased: 0 });
  });

  it('ordering best-effort: records of one priority come back last first within a take', async () => {
    const provider = createLimitedProvider({ ordering: 'best-effort' });
    await provider.doEnqueue('q', [record('a', { priority: 9 }), record('b'), record('c'), record('d')]);
    expect((await provider.doTake('q', LEASE)).map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
  });

  it('binaryData false: refuses bytes', async () => {
    const provider = createLimitedProvider({ binaryData: false });
    await expect(provider.doEnqueue('q', [record('a', { data: new Uint8Array([1]) })])).rejects.toThrow(/text only/);
  });
});
