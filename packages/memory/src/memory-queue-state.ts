import type { DeadRecord, EnqueueRecord, GroupBacklog, QueueCounts, TakenRecord } from '@mq/core/provider';
import type { IntFifo } from './int-fifo.js';
import { leaseSlot } from './lease-slot.js';
import { oldestReadyAt } from './oldest-ready-at.js';
import { ATTEMPTS, AVAILABLE_AT, ID_HASH, LEASE_EXPIRES_AT, SEQ, SLOT_DELAYED, SLOT_LEASED, SLOT_READY } from './record-slots.js';
import { WaitingLines } from './waiting-lines.js';

/** Above this many slots, a queue that empties starts again with small columns (gives memory back after a burst). */
const RESET_ABOVE_SLOTS = 4096;

/**
 * The records of one in-memory queue, kept in the lines of WaitingLines (waiting-lines.ts), its
 * dead letters and counters: it stores and moves records (enqueue, take, settle, expire, remove);
 * the core decides what happens to a message.
 */
export class MemoryQueueState extends WaitingLines {
  readonly dead = new Map<string, DeadRecord>();
  completed = 0;
  processingMsTotal = 0;
  /** doSetPaused: while true, take() leases nothing and hasWork() is false; enqueues go on. */
  paused = false;

  add(record: EnqueueRecord, now: number): void {
    const slots = this.slots;
    const slot = slots.alloc(record.id, record.data, record.priority);
    const hash = this.hashOf(record.id);
    const { nums } = slots;
    nums[slots.at(slot, ID_HASH)] = hash;
    nums[slots.at(slot, AVAILABLE_AT)] = now + record.delayMs;
    nums[slots.at(slot, SEQ)] = this.seq++;
    this.index.add(hash, slot);
    if (record.groupId !== undefined) this.groups.assign(slot, record.groupId);
    this.schedule(slot, now);
  }

  /** Moves due delayed records and expired leases to the ready buckets. */
  settle(now: number): void {
    const slots = this.slots;
    for (let top = this.delayed.peek(); top !== undefined && (slots.nums[slots.at(top, AVAILABLE_AT)] as number) <= now; top = this.delayed.peek()) {
      this.delayed.pop();
      this.makeReady(top);
    }
    const reclaimed = this.leased.takeExpired(now);
    if (reclaimed.length === 0) return;
    // A reclaimed record keeps its place: it goes back to the front of its priority, in its old
    // order, not behind a backlog that was enqueued after it (its consumer died, it did not fail).
    reclaimed.sort((a, b) => (slots.nums[slots.at(b, SEQ)] as number) - (slots.nums[slots.at(a, SEQ)] as number));
    for (const slot of reclaimed) {
      if (this.groups.size > 0) this.groups.leaseEnded(slot);
      slots.setToken(slot, '');
      slots.nums[slots.at(slot, AVAILABLE_AT)] = now;
      this.makeReady(slot, true);
    }
  }

  /** Leases up to `max` ready records; with groups, at most `groupLimit` leases per group (see FairGroups). */
  take(max: number, now: number, leaseMs: number, newToken: () => string, groupLimit = Infinity): TakenRecord[] {
    if (this.paused) return [];
    this.settle(now);
    const groups = this.groups;
    groups.blocked = false;
    // Sized up front: as many as are ready, at most max.
    const count = Math.min(max, this.readyCount);
    const taken = new Array<TakenRecord>(count);
    let n = 0;
    for (let p = 9; p >= 0 && n < count; p--) {
      const bucket = this.buckets[p] as IntFifo;
      while (n < count) {
        const slot = groups.size === 0 ? bucket.shift() : groups.next(p, bucket, groupLimit);
        if (slot < 0) break;
        this.readyCount--;
        taken[n++] = leaseSlot(this.slots, slot, p + 1, now, leaseMs, newToken());
        this.leased.add(slot);
      }
    }
    if (n < count) taken.length = n;
    return taken;
  }

  /** The slot of the leased record if `token` still holds its lease at `now`, else -1. */
  holder(id: string, token: string, now: number): number {
    const slots = this.slots;
    const slot = this.index.get(id, this.hashOf(id), slots);
    if (slot < 0 || slots.state(slot) !== SLOT_LEASED || slots.token(slot) !== token || now > (slots.nums[slots.at(slot, LEASE_EXPIRES_AT)] as number)) return -1;
    return slot;
  }

  /** The slot of the leased record `id` whoever holds it, expired or not (for a store without fencing: the limited provider), else -1. */
  leasedSlot(id: string): number {
    const slot = this.index.get(id, this.hashOf(id), this.slots);
    return slot >= 0 && this.slots.state(slot) === SLOT_LEASED ? slot : -1;
  }

  /** Removes a leased record (acked or dead-lettered); true if it belonged to a group (its place is free for another). */
  remove(slot: number): boolean {
    this.leased.ended(slot);
    const grouped = this.groups.size > 0 && this.groups.leaseEnded(slot);
    this.discard(slot);
    if (this.index.size === 0 && this.slots.capacity > RESET_ABOVE_SLOTS) this.reset();
    return grouped;
  }

  /** The dead-letter record of a leased slot (read before remove()). */
  deadRecord(slot: number, error: string, failedAt: number, refundAttempt = false): DeadRecord {
    const slots = this.slots;
    const counted = slots.nums[slots.at(slot, ATTEMPTS)] as number;
    const attempts = refundAttempt ? Math.max(0, counted - 1) : counted;
    if (this.groups.size > 0) this.groups.died(slot, slots.id(slot) as string);
    return { id: slots.id(slot) as string, priority: slots.priority(slot), data: slots.data(slot), attempts, error, failedAt };
  }

  release(slot: number, now: number, delayMs: number, lastError: string | undefined, refund: boolean): void {
    const slots = this.slots;
    const { nums } = slots;
    this.leased.ended(slot);
    if (this.groups.size > 0) this.groups.leaseEnded(slot);
    slots.setToken(slot, '');
    if (refund) nums[slots.at(slot, ATTEMPTS)] = Math.max(0, (nums[slots.at(slot, ATTEMPTS)] as number) - 1);
    if (lastError !== undefined) slots.setLastError(slot, lastError, now);
    nums[slots.at(slot, AVAILABLE_AT)] = now + delayMs;
    nums[slots.at(slot, SEQ)] = this.seq++;
    this.schedule(slot, now);
  }

  /** Removes the waiting (ready or delayed) record `id`: a debounced message replaced it. False when it is not waiting. */
  cancel(id: string): boolean {
    const slot = this.index.get(id, this.hashOf(id), this.slots);
    const state = slot < 0 ? -1 : this.slots.state(slot);
    if (state === SLOT_READY && (this.buckets[this.slots.priority(slot) - 1] as IntFifo).remove(slot)) this.readyCount--;
    else if (state !== SLOT_DELAYED || !this.delayed.remove(slot)) return false;
    this.index.delete(this.slots.nums[this.slots.at(slot, ID_HASH)] as number, slot);
    this.groups.forget(slot);
    this.slots.free(slot);
    return true;
  }

  /** Removes the waiting (ready or delayed) record in `slot` (an admin delete). False when it is not waiting. */
  deleteWaiting(slot: number): boolean {
    if (!this.unschedule(slot)) return false;
    this.discard(slot);
    return true;
  }

  /** Puts a dead letter back with attempts reset. */
  revive(record: DeadRecord, now: number): void {
    this.dead.delete(record.id);
    const groupId = this.groups.revived(record.id);
    this.add({ id: record.id, priority: record.priority, delayMs: 0, data: record.data, ...(groupId === undefined ? {} : { groupId }) }, now);
  }

  /** True if a record is ready now (and the last take was not held back by groupConcurrency), or falls due / expires by `now`; never while paused. */
  hasWork(now: number): boolean { return !this.paused && ((this.readyCount > 0 && !this.groups.blocked) || (this.nextDueAt() ?? Infinity) <= now); }

  /** The next instant at which a delayed record falls due or a lease expires. */
  nextDueAt(): number | undefined {
    const top = this.delayed.peek();
    const delayed = top === undefined ? undefined : (this.slots.nums[this.slots.at(top, AVAILABLE_AT)] as number);
    const lease = this.leased.nextExpiry();
    const leaseDue = lease === undefined ? undefined : lease + 1;
    if (delayed === undefined || delayed === Infinity) return leaseDue; // Infinity: held back (debounce-parking.ts)
    if (leaseDue === undefined) return delayed;
    return Math.min(delayed, leaseDue);
  }

  counts(now: number): QueueCounts {
    this.settle(now);
    return {
      ready: this.readyCount,
      delayed: this.delayed.size,
      processing: this.leased.size,
      dead: this.dead.size,
      completed: this.completed,
      processingMsTotal: this.processingMsTotal,
      ...(this.readyCount === 0 ? {} : { oldestReadyAgeMs: Math.max(0, now - oldestReadyAt(this.buckets, this.slots)) }),
      ...(this.paused ? { paused: true } : {}),
    };
  }

  /** Counts straight from the data structures, without settling due records (for tests). */
  rawCounts(): { waiting: number; leased: number; dead: number } { return { waiting: this.index.size - this.leased.size, leased: this.leased.size, dead: this.dead.size }; }

  storedIds(): string[] { return this.slots.ids(); }

  /** Drops every waiting and leased record; returns how many. */
  clear(): number {
    const removed = this.index.size;
    this.reset();
    return removed;
  }

  /** Ready records per group, most first. */
  groupBacklog(limit: number): GroupBacklog[] { return this.groups.backlog(limit); }

  /** Empties the store and starts again small (dead letters and counters stay). */
  private reset(): void {
    this.resetLines();
  }
}
