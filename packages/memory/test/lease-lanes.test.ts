import { describe, expect, test } from 'vitest';
import { LeaseLanes } from '../src/lease-lanes.js';
import { LEASE_EXPIRES_AT, LEASE_GENERATION, LEASE_MS, RecordSlots, SLOT_LEASED, SLOT_READY } from '../src/record-slots.js';

function setUp(): { slots: RecordSlots; lanes: LeaseLanes; lease: (id: string, expiresAt: number, leaseMs: number) => number } {
  const slots = new RecordSlots();
  const lanes = new LeaseLanes(() => slots);
  const lease = (id: string, expiresAt: number, leaseMs: number): number => {
    const slot = slots.alloc(id, 'data', 5);
    slots.setState(slot, SLOT_LEASED);
    slots.nums[slots.at(slot, LEASE_EXPIRES_AT)] = expiresAt;
    slots.nums[slots.at(slot, LEASE_MS)] = leaseMs;
    slots.nums[slots.at(slot, LEASE_GENERATION)] = (slots.nums[slots.at(slot, LEASE_GENERATION)] as number) + 1;
    lanes.add(slot);
    return slot;
  };
  return { slots, lanes, lease };
}

describe('LeaseLanes', () => {
  test('expires records of several lease lengths, each lane in take order', () => {
    const { slots, lanes, lease } = setUp();
    lease('long', 1000 + 30_000, 30_000);
    lease('short-1', 1000 + 50, 50);
    lease('short-2', 1010 + 50, 50);
    expect(lanes.nextExpiry()).toBe(1050);
    expect(lanes.takeExpired(1055).map((slot) => slots.id(slot))).toEqual(['short-1']);
    expect(lanes.size).toBe(2);
    expect(lanes.takeExpired(40_000).map((slot) => slots.id(slot)).sort()).toEqual(['long', 'short-2']);
    expect(lanes.size).toBe(0);
    expect(lanes.nextExpiry()).toBeUndefined();
  });

  test('an ended (acked) lease is skipped', () => {
    const { slots, lanes, lease } = setUp();
    const first = lease('a', 100, 100);
    lease('b', 200, 100);
    lanes.ended(first);
    slots.setState(first, SLOT_READY);
    expect(lanes.size).toBe(1);
    expect(lanes.nextExpiry()).toBe(200);
    expect(lanes.takeExpired(150)).toEqual([]);
  });

  test('a slot freed and leased again is not expired by the mark of its old lease', () => {
    const { slots, lanes, lease } = setUp();
    const first = lease('a', 100, 100);
    lanes.ended(first);
    slots.free(first);
    const again = lease('b', 500, 100);
    expect(again).toBe(first);
    expect(lanes.takeExpired(150)).toEqual([]);
    expect(lanes.nextExpiry()).toBe(500);
    expect(lanes.takeExpired(501)).toEqual([again]);
  });

  test('stale marks behind a long-held lease are compacted away', () => {
    const { slots, lanes, lease } = setUp();
    lease('held', 30_000, 30_000);
    for (let i = 0; i < 10_000; i++) {
      const slot = lease(`m${i}`, 30_000 + i, 30_000);
      lanes.ended(slot);
      slots.free(slot);
    }
    expect(lanes.size).toBe(1);
    expect(lanes.markCount).toBeLessThan(2100);
    expect(lanes.takeExpired(30_001).map((slot) => slots.id(slot))).toEqual(['held']);
    expect(lanes.markCount).toBe(0);
  });
});
