import { ManualClock } from '@mq/core';
import { InMemoryProvider } from '@mq/memory';
import { inspectMemoryGroups, inspectMemoryQueue } from '@mq/memory/testing';
import { describe, expect, test } from 'vitest';

const record = (id: string, groupId?: string, priority = 5, delayMs = 0) => ({ id, priority, delayMs, data: id, ...(groupId === undefined ? {} : { groupId }) });
const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);
const take = (provider: InMemoryProvider, max = 20) => provider.doTake('q', { max, leaseMs: 1000 });

describe('admin seams of the in-memory store', () => {
  test('a paused queue: takes lease nothing, a waiter sets no timer (a due record does not wake it), resume wakes it', async () => {
    const clock = new ManualClock();
    const provider = new InMemoryProvider({ clock });
    await provider.doEnqueue('q', [record('soon', undefined, 5, 1000)]);
    await provider.doSetPaused('q', true);
    const waiting = provider.doWaitForWork('q', new AbortController().signal);
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(5000);
    await provider.doEnqueue('q', [record('now')]);
    // The enqueue wakes it (as it wakes any waiter); it finds nothing to take and waits again, timer-free.
    await waiting;
    expect(await take(provider)).toEqual([]);
    let woken = false;
    const again = provider.doWaitForWork('q', new AbortController().signal).then(() => (woken = true));
    await clock.advance(5000);
    await Promise.resolve();
    expect(woken).toBe(false);
    expect(await provider.doCount('q')).toMatchObject({ ready: 2, paused: true });
    await provider.doSetPaused('q', false);
    await again;
    expect(ids(await take(provider)).sort()).toEqual(['now', 'soon']);
    expect((await provider.doCount('q')).paused).toBeUndefined();
  });

  test('grouped records deleted, promoted and re-prioritised keep the groups taking turns, and leave nothing behind', async () => {
    const clock = new ManualClock();
    const provider = new InMemoryProvider({ clock });
    await provider.doEnqueue('q', [record('a1', 'A'), record('a2', 'A'), record('b1', 'B'), record('u1'), record('u2'), record('b2', 'B', 5, 1000), record('c1', 'C')]);
    // B keeps b2 (delayed); C loses its only ready record, and the ungrouped ones their last.
    expect(await provider.doDeleteRecords('q', ['c1', 'u2', 'a2'])).toEqual(['done', 'done', 'done']);
    expect(await provider.doPromoteRecords('q', ['b2'])).toEqual(['done']);
    expect(await provider.doSetPriority('q', ['u1'], 9)).toEqual(['done']);
    const takenAt = clock.now();
    const order = ids(await take(provider));
    expect(order[0]).toBe('u1');
    // At level 5: A and B take turns (a1, b1), then B again (b2 joined at the back).
    expect(order.slice(1)).toEqual(['a1', 'b1', 'b2']);
    for (const r of await provider.doScanRecords('q', { state: 'processing', cursor: '', limit: 10 }).then((p) => p.records)) {
      expect(r.details).toMatchObject({ attempts: 1, leaseExpiresAt: takenAt + 1000 });
    }
    const taken = await provider.doScanRecords('q', { state: 'processing', cursor: '', limit: 10 });
    expect(ids(taken.records).sort()).toEqual(['a1', 'b1', 'b2', 'u1']);
    expect((await provider.doGetRecord('q', 'a1'))?.details).toMatchObject({ groupId: 'A', priority: 5 });
    await clock.advance(1001);
    for (const r of await take(provider)) await provider.doAck('q', { id: r.id, leaseToken: r.leaseToken }, 1);
    expect(inspectMemoryGroups(provider, 'q')).toEqual([]);
    expect(inspectMemoryQueue(provider, 'q')).toEqual({ waiting: 0, leased: 0, dead: 0 });
  });

  test('details: attempts, the last error and when it was stored, the lease expiry', async () => {
    const clock = new ManualClock();
    const provider = new InMemoryProvider({ clock });
    await provider.doEnqueue('q', [record('a')]);
    const [first] = await take(provider);
    await clock.advance(10);
    const failedAt = clock.now();
    await provider.doRelease('q', { id: 'a', leaseToken: first?.leaseToken ?? '' }, { delayMs: 500, lastError: 'boom' });
    expect(await provider.doGetRecord('q', 'a')).toMatchObject({ state: 'delayed', details: { attempts: 1, lastError: 'boom', lastErrorAt: failedAt, availableAt: failedAt + 500 } });
    await clock.advance(500);
    await take(provider);
    expect(await provider.doGetRecord('q', 'a')).toMatchObject({ state: 'processing', details: { attempts: 2, lastErrorAt: failedAt, leaseExpiresAt: clock.now() + 1000 } });
    expect(await provider.doGetRecord('q', 'missing')).toBeNull();
    expect(await provider.doGetRecord('unused', 'a')).toBeNull();
  });

  test('a re-prioritised ready record leaves its old level: the level is not taken from again', async () => {
    const clock = new ManualClock();
    const provider = new InMemoryProvider({ clock });
    await provider.doEnqueue('q', [record('x', undefined, 3), record('y', undefined, 3)]);
    expect(await provider.doSetPriority('q', ['x', 'y'], 8)).toEqual(['done', 'done']);
    expect(await provider.doSetPriority('q', ['y'], 8)).toEqual(['done']);
    expect(ids(await take(provider, 1))).toEqual(['x']);
    expect(await take(provider)).toMatchObject([{ id: 'y', priority: 8 }]);
    expect(await take(provider)).toEqual([]);
    expect(await provider.doCount('q')).toMatchObject({ ready: 0, processing: 2 });
  });
});
