import type { DeadRecord, EnqueueRecord, QueueCounts, TakenRecord } from '@mq/core/provider';
import { FifoQueue } from './fifo-queue.js';
import { LeaseLanes } from './lease-lanes.js';
import { MinHeap } from './min-heap.js';

/** One stored message and where it is. */
export interface MemoryEntry {
  readonly id: string;
  readonly priority: number;
  readonly data: string;
  attempts: number;
  availableAt: number;
  /** Enqueue order, for FIFO among equal due times. */
  seq: number;
  state: 'ready' | 'delayed' | 'leased';
  leaseToken: string;
  leaseExpiresAt: number;
  /** Length of the current lease (names its lease lane). */
  leaseMs: number;
  lastError: string | undefined;
}

/**
 * The records of one in-memory queue: a FIFO bucket per priority (O(1)), a heap of delayed
 * records by due time (O(log n)) and leases in take order per lease length (O(1)). It only stores
 * and moves; the core decides what happens to a message.
 */
export class MemoryQueueState {
  private readonly buckets = Array.from({ length: 10 }, () => new FifoQueue<MemoryEntry>());
  private readyCount = 0;
  private readonly delayed = new MinHeap<MemoryEntry>((a, b) => a.availableAt < b.availableAt || (a.availableAt === b.availableAt && a.seq < b.seq));
  private readonly leased = new LeaseLanes<MemoryEntry>();
  private readonly entries = new Map<string, MemoryEntry>();
  readonly dead = new Map<string, DeadRecord>();
  completed = 0;
  processingMsTotal = 0;
  private seq = 0;

  has(id: string): boolean {
    return this.entries.has(id);
  }

  add(record: EnqueueRecord, now: number): void {
    const entry: MemoryEntry = {
      id: record.id,
      priority: record.priority,
      data: record.data,
      attempts: 0,
      availableAt: now + record.delayMs,
      seq: this.seq++,
      state: 'ready',
      leaseToken: '',
      // NaN, not 0: the field holds epoch-ms doubles, and starting it as a small integer makes V8
      // deprecate the shape of every stored entry on its first take (a deopt per entry).
      leaseExpiresAt: Number.NaN,
      leaseMs: 0,
      lastError: undefined,
    };
    this.entries.set(entry.id, entry);
    this.schedule(entry, now);
  }

  /** Moves due delayed records and expired leases to the ready buckets. */
  settle(now: number): void {
    for (let top = this.delayed.peek(); top !== undefined && top.availableAt <= now; top = this.delayed.peek()) {
      this.delayed.pop();
      this.makeReady(top);
    }
    const reclaimed = this.leased.takeExpired(now);
    if (reclaimed.length === 0) return;
    // A reclaimed record keeps its place: it goes back to the front of its priority, in its old
    // order, not behind a backlog that was enqueued after it (its consumer died, it did not fail).
    reclaimed.sort((a, b) => b.seq - a.seq);
    for (const entry of reclaimed) {
      entry.leaseToken = '';
      entry.availableAt = now;
      this.makeReady(entry, true);
    }
  }

  take(max: number, now: number, leaseMs: number, newToken: () => string): TakenRecord[] {
    this.settle(now);
    const taken: TakenRecord[] = [];
    for (let p = 9; p >= 0 && taken.length < max && this.readyCount > 0; p--) {
      const bucket = this.buckets[p] as FifoQueue<MemoryEntry>;
      while (taken.length < max) {
        const entry = bucket.shift();
        if (entry === undefined) break;
        this.readyCount--;
        entry.state = 'leased';
        entry.attempts++;
        entry.leaseToken = newToken();
        entry.leaseExpiresAt = now + leaseMs;
        entry.leaseMs = leaseMs;
        this.leased.add(entry, leaseMs);
        const record: { -readonly [K in keyof TakenRecord]: TakenRecord[K] } = {
          id: entry.id,
          priority: entry.priority,
          data: entry.data,
          attempts: entry.attempts,
          availableAt: entry.availableAt,
          leaseToken: entry.leaseToken,
          leaseExpiresAt: entry.leaseExpiresAt,
        };
        if (entry.lastError !== undefined) record.lastError = entry.lastError;
        taken.push(record);
      }
    }
    return taken;
  }

  /** The leased entry if `token` still holds its lease at `now`, else undefined. */
  holder(id: string, token: string, now: number): MemoryEntry | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.state !== 'leased' || entry.leaseToken !== token || now > entry.leaseExpiresAt) return undefined;
    return entry;
  }

  remove(entry: MemoryEntry): void {
    this.leased.delete(entry, entry.leaseMs);
    this.entries.delete(entry.id);
    entry.leaseToken = '';
  }

  release(entry: MemoryEntry, now: number, delayMs: number, lastError: string | undefined, refund: boolean): void {
    this.leased.delete(entry, entry.leaseMs);
    entry.leaseToken = '';
    if (refund) entry.attempts = Math.max(0, entry.attempts - 1);
    if (lastError !== undefined) entry.lastError = lastError;
    entry.availableAt = now + delayMs;
    entry.seq = this.seq++;
    this.schedule(entry, now);
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
    const delayed = this.delayed.peek()?.availableAt;
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
    return { waiting: this.entries.size - this.leased.size, leased: this.leased.size, dead: this.dead.size };
  }

  /** Drops every waiting and leased record; returns how many. */
  clear(): number {
    const removed = this.entries.size;
    for (const bucket of this.buckets) bucket.clear();
    this.delayed.clear();
    for (const entry of this.entries.values()) entry.leaseToken = '';
    this.entries.clear();
    this.leased.clear();
    this.readyCount = 0;
    return removed;
  }

  private schedule(entry: MemoryEntry, now: number): void {
    if (entry.availableAt <= now) {
      this.makeReady(entry);
    } else {
      entry.state = 'delayed';
      this.delayed.push(entry);
    }
  }

  private makeReady(entry: MemoryEntry, front = false): void {
    entry.state = 'ready';
    const bucket = this.buckets[entry.priority - 1] as FifoQueue<MemoryEntry>;
    if (front) bucket.unshift(entry);
    else bucket.push(entry);
    this.readyCount++;
  }
}
