import {
  PROVIDER_SPECIFICATION_VERSION,
  systemClock,
  type Clock,
  type DeadLetterOptions,
  type DeadRecord,
  type EnqueueRecord,
  type EnqueueResult,
  type LeaseRef,
  type ListOptions,
  type QueueCounts,
  type QueueProvider,
  type ReleaseOptions,
  type TakenRecord,
  type TakeOptions,
} from '@mq/core/provider';
import { DedupKeys } from './dedup-keys.js';
import { enqueueDeduplicated } from './enqueue-deduplicated.js';
import { enqueueRemembered, IdempotencyMemory } from './idempotency-memory.js';
import { MEMORY_CAPABILITIES } from './memory-capabilities.js';
import { refusePersistence, type MemoryPersistenceOptions } from './memory-persistence.js';
import { MemoryQueueState } from './memory-queue-state.js';
import { exposeQueueStates } from './queue-states.js';

/** The result of every enqueue that stored its records (shared: nobody writes to it). */
const STORED: EnqueueResult = Object.freeze({ duplicateIds: Object.freeze([]) });

export interface InMemoryProviderOptions {
  /** Time source for delays and leases; default the system clock. Tests pass a ManualClock. */
  clock?: Clock;
  /** Seam: keep the records on disk across restarts. Not built yet: refused with MQ_UNSUPPORTED. */
  persistence?: MemoryPersistenceOptions;
}

/**
 * Keeps every queue in this process. Messages are lost on restart and cannot be shared with
 * other processes: use it for local work, tests and single-instance apps.
 */
export class InMemoryProvider implements QueueProvider {
  readonly specificationVersion = PROVIDER_SPECIFICATION_VERSION;
  readonly name: string = 'memory';
  readonly capabilities = MEMORY_CAPABILITIES;
  // protected, not private: the limited provider of @mq/memory/testing (limited-provider.ts) builds on them.
  protected readonly clock: Clock;
  private readonly queues = new Map<string, MemoryQueueState>();
  /** Deduplication keys per queue (dedup-keys.ts); empty until a message with a key is enqueued. */
  private readonly dedupKeys = new Map<string, DedupKeys>();
  /** Ids that left a queue within its idempotency window (idempotency-memory.ts); empty while no queue has one. */
  protected readonly idempotency = new IdempotencyMemory();
  private readonly waiters = new Map<string, Set<() => void>>();
  private nextToken = 0;
  /** Lease tokens: unique within this provider. */
  private readonly newToken = (): string => `m${++this.nextToken}`;

  constructor(options: InMemoryProviderOptions = {}) {
    if (options.persistence !== undefined) refusePersistence(options.persistence);
    this.clock = options.clock ?? systemClock;
    // The back door of @mq/memory/testing (inspectMemoryQueue), kept out of the public API.
    exposeQueueStates(this, this.queues);
  }

  doConnect(): Promise<void> {
    return Promise.resolve();
  }

  doDisconnect(): Promise<void> {
    for (const set of this.waiters.values()) for (const wake of set) wake();
    return Promise.resolve();
  }

  doHealthCheck(): Promise<boolean> {
    return Promise.resolve(true);
  }

  doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    if (this.idempotency.size > 0) {
      const hits = this.idempotency.hits(queueName, records, this.clock.now());
      if (hits !== undefined) return enqueueRemembered(records, hits, (rest) => this.doEnqueue(queueName, rest));
    }
    const queue = this.queue(queueName);
    const checkDead = queue.dead.size > 0;
    let duplicateIds: string[] | undefined;
    let keyed = false;
    for (const record of records) {
      if (queue.has(record.id) || (checkDead && queue.dead.has(record.id))) (duplicateIds ??= []).push(record.id);
      if (record.deduplication !== undefined) keyed = true;
    }
    if (duplicateIds !== undefined) return Promise.resolve({ duplicateIds });
    const now = this.clock.now();
    if (keyed) {
      const result = enqueueDeduplicated(queue, this.keysOf(queueName), records, now);
      this.wake(queueName);
      return Promise.resolve(result);
    }
    for (const record of records) queue.add(record, now);
    this.wake(queueName);
    return Promise.resolve(STORED);
  }

  doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    return Promise.resolve(this.queue(queueName).take(options.max, this.clock.now(), options.leaseMs, this.newToken));
  }

  doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    const queue = this.queue(queueName);
    const slot = queue.holder(lease.id, lease.leaseToken, this.clock.now());
    if (slot < 0) return Promise.resolve(false);
    queue.remove(slot);
    if (this.dedupKeys.size > 0) this.dedupKeys.get(queueName)?.settled(lease.id, false);
    if (this.idempotency.size > 0) this.idempotency.remember(queueName, [lease.id], this.clock.now());
    queue.completed++;
    queue.processingMsTotal += processingMs;
    return Promise.resolve(true);
  }

  doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    const slot = queue.holder(lease.id, lease.leaseToken, now);
    if (slot < 0) return Promise.resolve(false);
    queue.release(slot, now, options.delayMs, options.lastError, options.refundAttempt === true);
    this.wake(queueName);
    return Promise.resolve(true);
  }

  doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    const slot = queue.holder(lease.id, lease.leaseToken, now);
    if (slot < 0) return Promise.resolve(false);
    queue.dead.set(lease.id, queue.deadRecord(slot, error, now, options?.refundAttempt === true));
    queue.remove(slot);
    if (this.dedupKeys.size > 0) this.dedupKeys.get(queueName)?.settled(lease.id, true);
    return Promise.resolve(true);
  }

  doWaitForWork(queueName: string, signal: AbortSignal): Promise<void> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    if (signal.aborted || queue.hasWork(now)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const set = this.waiters.get(queueName) ?? new Set<() => void>();
      this.waiters.set(queueName, set);
      const dueAt = queue.nextDueAt();
      const timer = dueAt === undefined ? undefined : this.clock.setTimeout(() => wake(), dueAt - now);
      const wake = (): void => {
        set.delete(wake);
        if (timer !== undefined) this.clock.clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      set.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  doCount(queueName: string): Promise<QueueCounts> {
    return Promise.resolve(this.queue(queueName).counts(this.clock.now()));
  }

  doListQueues(): Promise<string[]> {
    return Promise.resolve([...this.queues.keys()]);
  }

  doPurge(queueName: string): Promise<number> {
    const queue = this.queue(queueName);
    this.dedupKeys.get(queueName)?.clear((id) => queue.dead.has(id));
    if (this.idempotency.size > 0) this.idempotency.remember(queueName, queue.storedIds(), this.clock.now());
    return Promise.resolve(queue.clear());
  }

  doDeleteQueue(queueName: string): Promise<void> {
    this.queues.delete(queueName);
    this.dedupKeys.delete(queueName);
    this.idempotency.forget(queueName);
    // Consumers waiting on it take again and find it empty.
    this.wake(queueName);
    return Promise.resolve();
  }

  doListDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    const all = [...this.queue(queueName).dead.values()];
    return Promise.resolve(all.slice(options.offset, options.offset + options.limit));
  }

  doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    const keys = this.dedupKeys.get(queueName);
    const dead = ids === undefined ? [...queue.dead.values()] : ids.flatMap((id) => queue.dead.get(id) ?? []);
    // A dead letter whose deduplication key another message holds now stays dead (docs/deduplication.md).
    const records = keys === undefined ? dead : dead.filter((record) => keys.revive(record.id, now));
    for (const record of records) queue.revive(record, now);
    if (records.length > 0) this.wake(queueName);
    return Promise.resolve(records.map((r) => r.id));
  }

  doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    const dead = this.queue(queueName).dead;
    if (ids === undefined) {
      const count = dead.size;
      for (const id of dead.keys()) this.dedupKeys.get(queueName)?.forget(id);
      this.idempotency.remember(queueName, [...dead.keys()], this.clock.now());
      dead.clear();
      return Promise.resolve(count);
    }
    const purged = ids.filter((id) => dead.delete(id));
    for (const id of purged) this.dedupKeys.get(queueName)?.forget(id);
    this.idempotency.remember(queueName, purged, this.clock.now());
    return Promise.resolve(purged.length);
  }

  doSetIdempotencyWindow(queueName: string, windowMs: number): void {
    this.idempotency.setWindow(queueName, windowMs);
  }

  protected queue(queueName: string): MemoryQueueState {
    let queue = this.queues.get(queueName);
    if (queue === undefined) {
      queue = new MemoryQueueState();
      this.queues.set(queueName, queue);
    }
    return queue;
  }

  /** The deduplication keys of a queue, made at its first keyed enqueue. */
  private keysOf(queueName: string): DedupKeys {
    let keys = this.dedupKeys.get(queueName);
    if (keys === undefined) {
      keys = new DedupKeys();
      this.dedupKeys.set(queueName, keys);
    }
    return keys;
  }

  protected wake(queueName: string): void {
    const set = this.waiters.get(queueName);
    if (set !== undefined) for (const wake of [...set]) wake();
  }
}
