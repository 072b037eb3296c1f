import { IntFifo } from './int-fifo.js';
import { LEASE_EXPIRES_AT, LEASE_GENERATION, LEASE_MS, SLOT_LEASED, type RecordSlots } from './record-slots.js';

/**
 * Leased records in one FIFO of (slot, lease generation) marks per lease length. Records of one
 * lane are leased for the same time, so in take order they expire in order: the first live mark
 * of each lane is the next to expire. An ack or release only ends the lease in the slots; its mark
 * turns stale (the slot is no longer leased, or leased again under a newer generation) and is
 * dropped when it reaches the front of its lane. Marks are integers in typed arrays: nothing for
 * the garbage collector to trace.
 */
export class LeaseLanes {
  private readonly lanes = new Map<number, IntFifo>();
  private count = 0;

  constructor(private readonly slots: () => RecordSlots) {}

  /** Records under a lease. */
  get size(): number {
    return this.count;
  }

  /** Call after leasing `slot` (state, generation, expiry and lease length already set). */
  add(slot: number): void {
    const slots = this.slots();
    const leaseMs = slots.nums[slots.at(slot, LEASE_MS)] as number;
    let lane = this.lanes.get(leaseMs);
    if (lane === undefined) {
      lane = new IntFifo();
      this.lanes.set(leaseMs, lane);
    }
    lane.push(slot);
    lane.push(slots.nums[slots.at(slot, LEASE_GENERATION)] as number);
    this.count++;
  }

  /** Call when a lease ends by ack, release or dead-lettering (its mark turns stale). */
  ended(): void {
    this.count--;
  }

  /** Removes and returns, in take order per lane, every leased slot whose lease ended before `now`. */
  takeExpired(now: number): number[] {
    const expired: number[] = [];
    if (this.lanes.size === 0) return expired;
    const slots = this.slots();
    for (const lane of this.lanes.values()) {
      for (let slot = this.liveFront(lane, slots); slot >= 0; slot = this.liveFront(lane, slots)) {
        if ((slots.nums[slots.at(slot, LEASE_EXPIRES_AT)] as number) >= now) break;
        lane.shift();
        lane.shift();
        expired.push(slot);
      }
    }
    this.count -= expired.length;
    return expired;
  }

  /** The earliest lease expiry, if any record is leased. */
  nextExpiry(): number | undefined {
    let next: number | undefined;
    if (this.count === 0) return next;
    const slots = this.slots();
    for (const lane of this.lanes.values()) {
      const slot = this.liveFront(lane, slots);
      if (slot < 0) continue;
      const expiresAt = slots.nums[slots.at(slot, LEASE_EXPIRES_AT)] as number;
      if (next === undefined || expiresAt < next) next = expiresAt;
    }
    return next;
  }

  clear(): void {
    this.lanes.clear();
    this.count = 0;
  }

  /** Drops stale marks at the front of `lane`; returns the slot of its first live mark, or -1. */
  private liveFront(lane: IntFifo, slots: RecordSlots): number {
    while (lane.size > 0) {
      const slot = lane.peek();
      if (slots.state(slot) === SLOT_LEASED && slots.nums[slots.at(slot, LEASE_GENERATION)] === lane.at(1)) return slot;
      lane.shift();
      lane.shift();
    }
    return -1;
  }
}
