import { describe, expect, test } from 'vitest';
import { LeaseLanes } from '../src/lease-lanes.js';

const entry = (id: string, leaseExpiresAt: number) => ({ id, leaseExpiresAt });

describe('LeaseLanes', () => {
  test('expires records of several lease lengths, each lane in take order', () => {
    const lanes = new LeaseLanes<ReturnType<typeof entry>>();
    lanes.add(entry('long', 1000 + 30_000), 30_000);
    lanes.add(entry('short-1', 1000 + 50), 50);
    lanes.add(entry('short-2', 1010 + 50), 50);
    expect(lanes.nextExpiry()).toBe(1050);
    expect(lanes.takeExpired(1055).map((e) => e.id)).toEqual(['short-1']);
    expect(lanes.size).toBe(2);
    expect(lanes.takeExpired(40_000).map((e) => e.id).sort()).toEqual(['long', 'short-2']);
    expect(lanes.size).toBe(0);
    expect(lanes.nextExpiry()).toBeUndefined();
  });

  test('a deleted (acked) record leaves nothing behind', () => {
    const lanes = new LeaseLanes<ReturnType<typeof entry>>();
    const first = entry('a', 100);
    lanes.add(first, 100);
    lanes.add(entry('b', 200), 100);
    lanes.delete(first, 100);
    expect(lanes.size).toBe(1);
    expect(lanes.nextExpiry()).toBe(200);
    expect(lanes.takeExpired(150)).toEqual([]);
  });
});
