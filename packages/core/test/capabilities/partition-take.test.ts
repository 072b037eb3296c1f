import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../src/capabilities/partition-of.js';
import { PartitionView, TAKES_PER_PEEK, takeAcrossPartitions, type PartitionStores } from '../../src/capabilities/partition-take.js';
import type { ReadyPeek, TakenRecord, TakeOptions } from '../../src/provider/queue-provider.js';

/** Store queues as lists of priorities, highest first as a take hands them out; every call logged. */
function stores(levels: Record<string, number[]>, due: readonly string[] = []): PartitionStores & { calls: string[] } {
  const calls: string[] = [];
  return {
    names: Object.keys(levels),
    calls,
    peek: (name): Promise<ReadyPeek> => {
      calls.push(`peek ${name}`);
      const list = levels[name] as number[];
      if (list.length === 0) return Promise.resolve(due.includes(name) ? { priority: 11, count: 1 } : { priority: 0, count: 0 });
      const top = list[0] as number;
      return Promise.resolve({ priority: top, count: list.filter((p) => p === top).length });
    },
    take: (name, options: TakeOptions): Promise<TakenRecord[]> => {
      calls.push(`${name}:${options.max}`);
      const taken = (levels[name] as number[]).splice(0, options.max);
      return Promise.resolve(taken.map((priority, i) => ({ id: `${name}${i}`, priority, data: '', attempts: 1, availableAt: 0, leaseToken: 't', leaseExpiresAt: 1 })));
    },
  };
}

describe('takeAcrossPartitions', () => {
  const take = (s: PartitionStores, view: PartitionView, max: number, random = 0) => takeAcrossPartitions(s, { max, leaseMs: 1 }, view, () => random);

  it('takes only from the partitions at the highest level, no further than the records peeked there; lower levels wait for the next take', async () => {
    const s = stores({ a: [5, 5, 1], b: [9, 2], c: [] });
    const view = new PartitionView();
    expect((await take(s, view, 10)).map((t) => [t.partition, t.record.priority])).toEqual([[1, 9]]);
    expect((await take(s, view, 10)).map((t) => [t.partition, t.record.priority])).toEqual([[0, 5], [0, 5]]);
    expect(s.calls).toEqual(['peek a', 'peek b', 'peek c', 'b:1', 'peek a', 'peek b', 'peek c', 'a:2']);
  });

  it('takes from the partitions of one level in turn, from a random one, and peeks again after TAKES_PER_PEEK takes', async () => {
    const s = stores({ a: Array(50).fill(5), b: Array(50).fill(5), c: Array(50).fill(5) });
    const view = new PartitionView();
    const firsts: number[] = [];
    for (let i = 0; i < TAKES_PER_PEEK + 1; i++) firsts.push((await take(s, view, 2, 0.5))[0]?.partition as number);
    expect(firsts.slice(0, 4)).toEqual([1, 2, 0, 1]);
    expect(s.calls.filter((c) => c === 'peek a')).toHaveLength(2);
  });

  it('takes one record first from a partition whose due records are not moved yet, and nothing when no partition has work', async () => {
    const s = stores({ a: [3], b: [] }, ['b']);
    await take(s, new PartitionView(), 5);
    expect(s.calls.filter((c) => !c.startsWith('peek'))).toEqual(['b:1']);
    const idle = stores({ a: [], b: [] });
    expect(await take(idle, new PartitionView(), 5)).toEqual([]);
    expect(idle.calls.filter((c) => !c.startsWith('peek'))).toEqual([]);
  });
});

describe('partitionOf', () => {
  it('routes by groupId, else by deduplication key, else by id; the same in every call', () => {
    const a = partitionOf({ id: 'x1', groupId: 'tenant-1' }, 7);
    for (let i = 0; i < 20; i++) expect(partitionOf({ id: `x${i}`, groupId: 'tenant-1', deduplication: { key: `k${i}`, mode: 'ttl' } }, 7)).toBe(a);
    const k = partitionOf({ id: 'y', deduplication: { key: 'order-1', mode: 'until-settled' } }, 7);
    for (let i = 0; i < 20; i++) expect(partitionOf({ id: `y${i}`, deduplication: { key: 'order-1', mode: 'until-settled' } }, 7)).toBe(k);
    const spread = new Set(Array.from({ length: 200 }, (_, i) => partitionOf({ id: `m${i}` }, 7)));
    expect(spread.size).toBe(7);
    expect(partitionOf({ id: 'anything' }, 1)).toBe(0);
  });
});
