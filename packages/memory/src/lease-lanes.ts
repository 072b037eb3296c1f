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
/** One lease length's marks, and how many of them are live. */
interface Lane {
  marks: IntFifo;
  live: number;
}

/** A lane is compacted when it holds more than this many stale marks and more stale than live ones. */
const COMPACT_ABOVE_STALE = 1024;

export class LeaseLanes {
  private readonly lanes = new Map<number, Lane>();
  private count = 0;

  constructor(private readonly slots: () => RecordSlots) {}

  /** Records under a lease. */
  get size(): number {
    return this.count;
  }

  /** Marks kept, live and stale (for tests). */
  get markCount(): number {
    let marks = 0;
    for (const lane of this.lanes.values()) marks += lane.marks.size / 2;
    return marks;
  }

  /** Call after leasing `slot` (state, generation, expiry and lease length already set). */
  add(slot: number): void {
    const slots = this.slots();
    const leaseMs = slots.nums[slots.at(slot, LEASE_MS)] as number;
    let lane = this.lanes.get(leaseMs);
    if (lane === undefined) {
      lane = { marks: new IntFifo(), live: 0 };
      this.lanes.set(leaseMs, lane);
    }
    lane.marks.push(slot);
    lane.marks.push(slots.nums[slots.at(slot, LEASE_GENERATION)] as number);
    lane.live++;
    this.count++;
  }

  /**
   * Call when the lease of `slot` ends by ack, release or dead-lettering, before its lease fields
   * change: its mark turns stale. A lane whose stale marks pile up behind a live one at its front
   * (a message held for its whole lease while others come and go) is compacted.
   */
  ended(slot: number): void {
    const slots = this.slots();
    const lane = this.lanes.get(slots.nums[slots.at(slot, LEASE_MS)] as number);
    this.count--;
    if (lane === undefined) return;
    lane.live--;
    const stale = lane.marks.size / 2 - lane.live;
    if (stale > COMPACT_ABOVE_STALE && stale > lane.live) this.compact(lane, slots, slot);
  }

  /** Removes and returns, in take order per lane, every leased slot whose lease ended before `now`. */
  takeExpired(now: number): number[] {
    const expired: number[] = [];
    if (this.lanes.size === 0) return expired;
    const slots = this.slots();
    for (const lane of this.lanes.values()) {
      for (let slot = this.liveFront(lane.marks, slots); slot >= 0; slot = this.liveFront(lane.marks, slots)) {
        if ((slots.nums[slots.at(slot, LEASE_EXPIRES_AT)] as number) >= now) break;
        lane.marks.shift();
        lane.marks.shift();
        lane.live--;
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
      const slot = this.liveFront(lane.marks, slots);
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

  /** Keeps only the live marks of `lane`, in order; `ending` is the slot whose lease is ending now. */
  private compact(lane: Lane, slots: RecordSlots, ending: number): void {
    const old = lane.marks;
    const marks = new IntFifo();
    for (let i = 0; i < old.size; i += 2) {
      const slot = old.at(i);
      const generation = old.at(i + 1);
      if (slot !== ending && slots.state(slot) === SLOT_LEASED && slots.nums[slots.at(slot, LEASE_GENERATION)] === generation) {
        marks.push(slot);
        marks.push(generation);
      }
    }
    lane.marks = marks;
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
