import type { DeadRecord, EnqueueRecord, QueueCounts, TakenRecord } from '@mq/core/provider';
import { IdIndex } from './id-index.js';
import { IntFifo } from './int-fifo.js';
import { LeaseLanes } from './lease-lanes.js';
import { MinHeap } from './min-heap.js';
import { RecordSlots, SLOT_DELAYED, SLOT_LEASED, SLOT_READY } from './record-slots.js';

/** Above this many slots, a queue that empties starts again with small columns (gives memory back after a burst). */
const RESET_ABOVE_SLOTS = 4096;

/**
 * The records of one in-memory queue: columns of slots (see RecordSlots), an id → slot index (IdIndex),
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
    const { availableAt, seq } = this.slots;
    const dueA = availableAt[a] as number;
    const dueB = availableAt[b] as number;
    return dueA < dueB || (dueA === dueB && (seq[a] as number) < (seq[b] as number));
  });
  private readonly leased = new LeaseLanes(() => this.slots);
  readonly dead = new Map<string, DeadRecord>();
  completed = 0;
  processingMsTotal = 0;
  private seq = 0;

  has(id: string): boolean {
    return this.index.get(id, this.hashOf(id), this.slots.ids) >= 0;
  }

  add(record: EnqueueRecord, now: number): void {
    const slots = this.slots;
    const slot = slots.alloc(record.id, record.data, record.priority, 0);
    const hash = this.hashOf(record.id);
    slots.idHash[slot] = hash;
    slots.availableAt[slot] = now + record.delayMs;
    slots.seq[slot] = this.seq++;
    this.index.add(hash, slot);
    this.schedule(slot, now);
  }

  /** Moves due delayed records and expired leases to the ready buckets. */
  settle(now: number): void {
    const slots = this.slots;
    for (let top = this.delayed.peek(); top !== undefined && (slots.availableAt[top] as number) <= now; top = this.delayed.peek()) {
      this.delayed.pop();
      this.makeReady(top);
    }
    const reclaimed = this.leased.takeExpired(now);
    if (reclaimed.length === 0) return;
    // A reclaimed record keeps its place: it goes back to the front of its priority, in its old
    // order, not behind a backlog that was enqueued after it (its consumer died, it did not fail).
    reclaimed.sort((a, b) => (slots.seq[b] as number) - (slots.seq[a] as number));
    for (const slot of reclaimed) {
      slots.tokens[slot] = '';
      slots.availableAt[slot] = now;
      this.makeReady(slot, true);
    }
  }

  take(max: number, now: number, leaseMs: number, newToken: () => string): TakenRecord[] {
    this.settle(now);
    const slots = this.slots;
    const taken: TakenRecord[] = [];
    for (let p = 9; p >= 0 && taken.length < max && this.readyCount > 0; p--) {
      const bucket = this.buckets[p] as IntFifo;
      while (taken.length < max) {
        const slot = bucket.shift();
        if (slot < 0) break;
        this.readyCount--;
        const token = newToken();
        const attempts = (slots.attempts[slot] as number) + 1;
        slots.state[slot] = SLOT_LEASED;
        slots.attempts[slot] = attempts;
        slots.tokens[slot] = token;
        slots.leaseExpiresAt[slot] = now + leaseMs;
        slots.leaseMs[slot] = leaseMs;
        slots.leaseGeneration[slot] = ((slots.leaseGeneration[slot] as number) + 1) | 0;
        this.leased.add(slot);
        const record: { -readonly [K in keyof TakenRecord]: TakenRecord[K] } = {
          id: slots.ids[slot] as string,
          priority: slots.priority[slot] as number,
          data: slots.data[slot] as string,
          attempts,
          availableAt: slots.availableAt[slot] as number,
          leaseToken: token,
          leaseExpiresAt: now + leaseMs,
        };
        const lastError = slots.lastErrors[slot];
        if (lastError !== undefined) record.lastError = lastError;
        taken.push(record);
      }
    }
    return taken;
  }

  /** The slot of the leased record if `token` still holds its lease at `now`, else -1. */
  holder(id: string, token: string, now: number): number {
    const slots = this.slots;
    const slot = this.index.get(id, this.hashOf(id), slots.ids);
    if (slot < 0 || slots.state[slot] !== SLOT_LEASED || slots.tokens[slot] !== token || now > (slots.leaseExpiresAt[slot] as number)) return -1;
    return slot;
  }

  /** Removes a leased record (acked or dead-lettered). */
  remove(slot: number): void {
    this.leased.ended();
    this.index.delete(this.slots.idHash[slot] as number, slot);
    this.slots.free(slot);
    if (this.index.size === 0 && this.slots.capacity > RESET_ABOVE_SLOTS) this.reset();
  }

  /** The dead-letter record of a leased slot (read before remove()). */
  deadRecord(slot: number, error: string, failedAt: number): DeadRecord {
    const slots = this.slots;
    return { id: slots.ids[slot] as string, priority: slots.priority[slot] as number, data: slots.data[slot] as string, attempts: slots.attempts[slot] as number, error, failedAt };
  }

  release(slot: number, now: number, delayMs: number, lastError: string | undefined, refund: boolean): void {
    const slots = this.slots;
    this.leased.ended();
    slots.tokens[slot] = '';
    if (refund) slots.attempts[slot] = Math.max(0, (slots.attempts[slot] as number) - 1);
    if (lastError !== undefined) slots.lastErrors[slot] = lastError;
    slots.availableAt[slot] = now + delayMs;
    slots.seq[slot] = this.seq++;
    this.schedule(slot, now);
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
    const delayed = top === undefined ? undefined : (this.slots.availableAt[top] as number);
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

  /** Drops every waiting and leased record; returns how many. */
  clear(): number {
    const removed = this.index.size;
    this.reset();
    return removed;
  }

  /** Empties the store and starts again with small columns (dead letters and counters stay). */
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
    if ((this.slots.availableAt[slot] as number) <= now) {
      this.makeReady(slot);
    } else {
      this.slots.state[slot] = SLOT_DELAYED;
      this.delayed.push(slot);
    }
  }

  private makeReady(slot: number, front = false): void {
    this.slots.state[slot] = SLOT_READY;
    const bucket = this.buckets[(this.slots.priority[slot] as number) - 1] as IntFifo;
    if (front) bucket.unshift(slot);
    else bucket.push(slot);
    this.readyCount++;
  }
}
