import { ManualClock } from '@mq/core';
import { InMemoryProvider } from '@mq/memory';
import { inspectMemoryGroups } from '@mq/memory/testing';
import { describe, expect, test } from 'vitest';

const record = (id: string, groupId?: string, priority = 5) => ({ id, priority, delayMs: 0, data: id, ...(groupId === undefined ? {} : { groupId }) });
const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

describe('fair groups in the in-memory store', () => {
  test('a group at groupConcurrency is passed over; waiting for work waits until one of its leases ends', async () => {
    const clock = new ManualClock();
    const provider = new InMemoryProvider({ clock });
    await provider.doEnqueue('q', [record('a1', 'A'), record('a2', 'A'), record('a3', 'A')]);
    const taken = await provider.doTake('q', { max: 10, leaseMs: 1000, groupConcurrency: 2 });
    expect(ids(taken)).toEqual(['a1', 'a2']);
    expect(await provider.doTake('q', { max: 10, leaseMs: 1000, groupConcurrency: 2 })).toEqual([]);
    const stop = new AbortController();
    let woken = false;
    const waiting = provider.doWaitForWork('q', stop.signal).then(() => (woken = true));
    await Promise.resolve();
    expect(woken).toBe(false);
    const first = taken[0] as (typeof taken)[number];
    expect(await provider.doAck('q', { id: first.id, leaseToken: first.leaseToken }, 1)).toBe(true);
    await waiting;
    expect(ids(await provider.doTake('q', { max: 10, leaseMs: 1000, groupConcurrency: 2 }))).toEqual(['a3']);
  });

  test('a delayed grouped record replaced by debounce leaves nothing of its group behind', async () => {
    const provider = new InMemoryProvider({ clock: new ManualClock() });
    const debounced = (id: string) => ({ ...record(id, 'A'), delayMs: 500, deduplication: { key: 'k', mode: 'debounce' as const } });
    await provider.doEnqueue('q', [debounced('a1')]);
    expect(await provider.doEnqueue('q', [debounced('a2')])).toMatchObject({ deduplicated: [{ existingId: 'a1', replaced: true }] });
    expect(inspectMemoryGroups(provider, 'q')).toEqual([expect.stringMatching(/: A$/)]);
  });

  test('an expired lease frees its group and comes back first in its group', async () => {
    const clock = new ManualClock();
    const provider = new InMemoryProvider({ clock });
    await provider.doEnqueue('q', [record('a1', 'A'), record('a2', 'A'), record('b1', 'B')]);
    expect(ids(await provider.doTake('q', { max: 1, leaseMs: 1000, groupConcurrency: 1 }))).toEqual(['a1']);
    expect(ids(await provider.doTake('q', { max: 5, leaseMs: 1000, groupConcurrency: 1 }))).toEqual(['b1']);
    await clock.advance(1001);
    expect(ids(await provider.doTake('q', { max: 5, leaseMs: 1000, groupConcurrency: 1 }))).toEqual(['a1', 'b1']);
  });

  test('a retry joins the end of its group and keeps it; release, ack and purge leave nothing behind', async () => {
    const clock = new ManualClock();
    const provider = new InMemoryProvider({ clock });
    await provider.doEnqueue('q', [record('a1', 'A'), record('a2', 'A'), record('u1')]);
    const [a1] = await provider.doTake('q', { max: 1, leaseMs: 1000 });
    await provider.doRelease('q', { id: 'a1', leaseToken: (a1 as { leaseToken: string }).leaseToken }, { delayMs: 0 });
    expect((await provider.doCountGroups('q', 5))).toEqual([{ groupId: 'A', waiting: 2 }]);
    const all = await provider.doTake('q', { max: 5, leaseMs: 1000, groupConcurrency: 1 });
    expect(ids(all)).toEqual(['u1', 'a2']);
    for (const r of all) await provider.doAck('q', { id: r.id, leaseToken: r.leaseToken }, 1);
    const last = await provider.doTake('q', { max: 5, leaseMs: 1000, groupConcurrency: 1 });
    expect(ids(last)).toEqual(['a1']);
    await provider.doAck('q', { id: 'a1', leaseToken: (last[0] as { leaseToken: string }).leaseToken }, 1);
    expect(inspectMemoryGroups(provider, 'q')).toEqual([]);
    await provider.doEnqueue('q', [record('b1', 'B'), record('c1', 'C')]);
    await provider.doTake('q', { max: 1, leaseMs: 1000 });
    expect(await provider.doPurge('q')).toBe(2);
    expect(inspectMemoryGroups(provider, 'q')).toEqual([]);
  });

  test('a queue without groups never builds group state', async () => {
    const provider = new InMemoryProvider({ clock: new ManualClock() });
    await provider.doEnqueue('q', [record('x'), record('y')]);
    expect(ids(await provider.doTake('q', { max: 5, leaseMs: 1000, groupConcurrency: 1 }))).toEqual(['x', 'y']);
    expect(inspectMemoryGroups(provider, 'q')).toEqual([]);
    expect(await provider.doCountGroups('q', 5)).toEqual([]);
  });
});
