import type { DeadRecord, EnqueueRecord, QueueCounts, TakenRecord } from '@mq/core/provider';
import { IdIndex } from './id-index.js';
import { IntFifo } from './int-fifo.js';
import { LeaseLanes } from './lease-lanes.js';
import { MinHeap } from './min-heap.js';
import { ATTEMPTS, AVAILABLE_AT, ID_HASH, LEASE_EXPIRES_AT, LEASE_GENERATION, LEASE_MS, RecordSlots, SEQ, SLOT_DELAYED, SLOT_LEASED, SLOT_READY } from './record-slots.js';

/** Above this many slots, a queue that empties starts again with small columns (gives memory back after a burst). */
const RESET_ABOVE_SLOTS = 4096;

/**
 * The records of one in-memory queue: slots (see RecordSlots), an id → slot index (IdIndex),
 * a FIFO of slots per priority (O(1)), a heap of delayed slots by due time (O(log n)) and leases
 * in take order per lease length (O(1)). It only stores and moves; the core decides what happens
 * to a message.
 */
export class MemoryQueueState {
  private slots = new RecordSlots();
  private index = new IdIndex();
  /** The id hashed last and its hash: an enqueue checks an id, then adds it. */
  private lastHashedId = '';
  private lastHash = IdIndex.hash('');
  private readonly buckets = Array.from({ length: 10 }, () => new IntFifo());
  private readyCount = 0;
  private readonly delayed = new MinHeap<number>((a, b) => {
    const { nums } = this.slots;
    const dueA = nums[this.slots.at(a, AVAILABLE_AT)] as number;
    const dueB = nums[this.slots.at(b, AVAILABLE_AT)] as number;
    return dueA < dueB || (dueA === dueB && (nums[this.slots.at(a, SEQ)] as number) < (nums[this.slots.at(b, SEQ)] as number));
  });
  private readonly leased = new LeaseLanes(() => this.slots);
  readonly dead = new Map<string, DeadRecord>();
  completed = 0;
  processingMsTotal = 0;
  private seq = 0;

  has(id: string): boolean {
    return this.index.get(id, this.hashOf(id), this.slots) >= 0;
  }

  add(record: EnqueueRecord, now: number): void {
    const slots = this.slots;
    const slot = slots.alloc(record.id, record.data, record.priority);
    const hash = this.hashOf(record.id);
    const { nums } = slots;
    nums[slots.at(slot, ID_HASH)] = hash;
    nums[slots.at(slot, AVAILABLE_AT)] = now + record.delayMs;
    nums[slots.at(slot, SEQ)] = this.seq++;
    this.index.add(hash, slot);
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
      slots.setToken(slot, '');
      slots.nums[slots.at(slot, AVAILABLE_AT)] = now;
      this.makeReady(slot, true);
    }
  }

  take(max: number, now: number, leaseMs: number, newToken: () => string): TakenRecord[] {
    this.settle(now);
    const slots = this.slots;
    const { nums } = slots;
    // Sized up front: as many as are ready, at most max.
    const count = Math.min(max, this.readyCount);
    const taken = new Array<TakenRecord>(count);
    let n = 0;
    for (let p = 9; p >= 0 && n < count; p--) {
      const bucket = this.buckets[p] as IntFifo;
      while (n < count) {
        const slot = bucket.shift();
        if (slot < 0) break;
        this.readyCount--;
        const token = newToken();
        const attempts = (nums[slots.at(slot, ATTEMPTS)] as number) + 1;
        slots.setState(slot, SLOT_LEASED);
        nums[slots.at(slot, ATTEMPTS)] = attempts;
        nums[slots.at(slot, LEASE_EXPIRES_AT)] = now + leaseMs;
        nums[slots.at(slot, LEASE_MS)] = leaseMs;
        nums[slots.at(slot, LEASE_GENERATION)] = ((nums[slots.at(slot, LEASE_GENERATION)] as number) + 1) | 0;
        slots.setToken(slot, token);
        this.leased.add(slot);
        const record: { -readonly [K in keyof TakenRecord]: TakenRecord[K] } = {
          id: slots.id(slot) as string,
          priority: p + 1,
          data: slots.data(slot),
          attempts,
          availableAt: nums[slots.at(slot, AVAILABLE_AT)] as number,
          leaseToken: token,
          leaseExpiresAt: now + leaseMs,
        };
        const lastError = slots.lastError(slot);
        if (lastError !== undefined) record.lastError = lastError;
        taken[n++] = record;
      }
    }
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

  /** Removes a leased record (acked or dead-lettered). */
  remove(slot: number): void {
    this.leased.ended(slot);
    this.index.delete(this.slots.nums[this.slots.at(slot, ID_HASH)] as number, slot);
    this.slots.free(slot);
    if (this.index.size === 0 && this.slots.capacity > RESET_ABOVE_SLOTS) this.reset();
  }

  /** The dead-letter record of a leased slot (read before remove()). */
  deadRecord(slot: number, error: string, failedAt: number, refundAttempt = false): DeadRecord {
    const slots = this.slots;
    const counted = slots.nums[slots.at(slot, ATTEMPTS)] as number;
    const attempts = refundAttempt ? Math.max(0, counted - 1) : counted;
    return { id: slots.id(slot) as string, priority: slots.priority(slot), data: slots.data(slot), attempts, error, failedAt };
  }

  release(slot: number, now: number, delayMs: number, lastError: string | undefined, refund: boolean): void {
    const slots = this.slots;
    const { nums } = slots;
    this.leased.ended(slot);
    slots.setToken(slot, '');
    if (refund) nums[slots.at(slot, ATTEMPTS)] = Math.max(0, (nums[slots.at(slot, ATTEMPTS)] as number) - 1);
    if (lastError !== undefined) slots.setLastError(slot, lastError);
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
    this.slots.free(slot);
    return true;
  }

  /** Puts a dead letter back with attempts reset. */
  revive(record: DeadRecord, now: number): void {
    this.dead.delete(record.id);
    this.add({ id: record.id, priority: record.priority, delayMs: 0, data: record.data }, now);
  }

  /** True if a record is ready now, or falls due / expires by `now`. */
  hasWork(now: number): boolean {
    return this.readyCount > 0 || (this.nextDueAt() ?? Infinity) <= now;
  }

  /** The next instant at which a delayed record falls due or a lease expires. */
  nextDueAt(): number | undefined {
    const top = this.delayed.peek();
    const delayed = top === undefined ? undefined : (this.slots.nums[this.slots.at(top, AVAILABLE_AT)] as number);
    const lease = this.leased.nextExpiry();
    const leaseDue = lease === undefined ? undefined : lease + 1;
    if (delayed === undefined) return leaseDue;
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
    };
  }

  /** Counts straight from the data structures, without settling due records (for tests). */
  rawCounts(): { waiting: number; leased: number; dead: number } {
    return { waiting: this.index.size - this.leased.size, leased: this.leased.size, dead: this.dead.size };
  }

  storedIds(): string[] {
    return this.slots.ids();
  }

  /** Drops every waiting and leased record; returns how many. */
  clear(): number {
    const removed = this.index.size;
    this.reset();
    return removed;
  }

  /** Empties the store and starts again small (dead letters and counters stay). */
  private reset(): void {
    for (const bucket of this.buckets) bucket.clear();
    this.delayed.clear();
    this.index = new IdIndex();
    this.leased.clear();
    this.slots = new RecordSlots();
    this.readyCount = 0;
  }

  private hashOf(id: string): number {
    if (this.lastHashedId !== id) {
      this.lastHash = IdIndex.hash(id);
      this.lastHashedId = id;
    }
    return this.lastHash;
  }

  private schedule(slot: number, now: number): void {
    if ((this.slots.nums[this.slots.at(slot, AVAILABLE_AT)] as number) <= now) {
      this.makeReady(slot);
    } else {
      this.slots.setState(slot, SLOT_DELAYED);
      this.delayed.push(slot);
    }
  }

  private makeReady(slot: number, front = false): void {
    this.slots.setState(slot, SLOT_READY);
    const bucket = this.buckets[this.slots.priority(slot) - 1] as IntFifo;
    if (front) bucket.unshift(slot);
    else bucket.push(slot);
    this.readyCount++;
  }
}
