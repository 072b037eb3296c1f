import { PROVIDER_SPECIFICATION_VERSION, systemClock, type ActionOutcome, type Clock, type DeadLetterOptions, type DeadRecord, type EnqueueRecord, type EnqueueResult, type GroupBacklog, type LeaseRef, type ListOptions, type QueueCounts, type QueueProvider, type QueueSettings, type RecordData, type ReleaseOptions, type ScanOptions, type ScanPage, type TakenRecord, type TakeOptions, ValidationError, type BindingRecord, type BindingsSnapshot, type RoutedEnqueue, type RoutedEnqueueOptions, type RoutedEnqueueResult } from '@mq/core/provider';
import { settleKey } from './debounce-parking.js';
import { DedupKeys } from './dedup-keys.js';
import { enqueueDeduplicated } from './enqueue-deduplicated.js';
import { MemoryBindings } from './memory-bindings.js';
import { enqueueRemembered, IdempotencyMemory } from './idempotency-memory.js';
import { MEMORY_CAPABILITIES } from './memory-capabilities.js';
import type { MemoryPersistenceOptions } from './memory-persistence.js';
import { deleteMemoryRecords, getMemoryRecord, promoteMemoryRecords, setMemoryPriority } from './memory-admin-actions.js';
import { MemoryQueueState } from './memory-queue-state.js';
import type { DetailedRecord } from './memory-record-details.js';
import { purgeMemoryDeadLetters, replayMemoryDeadLetters } from './memory-dead-letters.js';
import { rewriteMemoryRecord, scanMemoryRecords } from './memory-record-scan.js';
import { exposeQueueStates } from './queue-states.js';
import { WorkWaiters } from './work-waiters.js';

/** The result of every enqueue that stored its records (shared: nobody writes to it). */
export const STORED: EnqueueResult = Object.freeze({ duplicateIds: Object.freeze([]) });

export interface InMemoryProviderOptions {
  /** Time source for delays and leases; default the system clock. Tests pass a ManualClock. */
  clock?: Clock;
  /** Keep the records on disk across restarts (docs/persistence.md). Give it to createInMemoryProvider(), which builds the durable provider. */
  persistence?: MemoryPersistenceOptions;
}

/**
 * Keeps every queue in this process. Messages are lost on restart (unless made durable with
 * createInMemoryProvider({ persistence })) and cannot be shared with other processes: use it for
 * local work, tests and single-instance apps.
 */
export class InMemoryProvider implements QueueProvider {
  readonly specificationVersion = PROVIDER_SPECIFICATION_VERSION;
  readonly name: string = 'memory';
  readonly capabilities = MEMORY_CAPABILITIES;
  // protected, not private: the limited provider of @mq/memory/testing (limited-provider.ts) builds on them.
  protected readonly clock: Clock;
  protected readonly queues = new Map<string, MemoryQueueState>();
  /** Deduplication keys per queue (dedup-keys.ts); empty until a message with a key is enqueued. */
  protected readonly dedupKeys = new Map<string, DedupKeys>();
  /** Ids that left a queue within its idempotency window (idempotency-memory.ts); empty while no queue has one. */
  protected readonly idempotency = new IdempotencyMemory();
  private readonly waiters: WorkWaiters;
  /** Settings declared per queue (declareQueue): kept so a second declaration with another count fails. */
  protected readonly declaredSettings = new Map<string, QueueSettings>();
  private readonly bindings = new MemoryBindings();
  private nextToken = 0;
  /** Lease tokens: unique within this provider. */
  protected readonly newToken = (): string => `m${++this.nextToken}`;

  constructor(options: InMemoryProviderOptions = {}) {
    if (options.persistence !== undefined && !this.durableStore) {
      throw new ValidationError('MQ_INVALID_CONFIG', 'Invalid persistence: new InMemoryProvider() keeps records in memory only; build a durable one with createInMemoryProvider({ persistence: { dir, durability } }).', { field: 'persistence' });
    }
    this.clock = options.clock ?? systemClock;
    this.waiters = new WorkWaiters(this.clock);
    // The back door of @mq/memory/testing (inspectMemoryQueue), kept out of the public API.
    exposeQueueStates(this, this.queues);
  }

  /** True for the durable subclass (the persistence option is its). */
  protected get durableStore(): boolean {
    return false;
  }

  doConnect(): Promise<void> { return Promise.resolve(); }

  doDisconnect(): Promise<void> {
    this.waiters.wakeAll();
    return Promise.resolve();
  }

  doHealthCheck(): Promise<boolean> { return Promise.resolve(true); }

  doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    const now = this.clock.now(); // one read per call: it judges the window and stamps the records
    const queue = this.queue(queueName); // it hashes each id for the window's check and keeps the hash for its own
    const hits = this.idempotency.size > 0 ? this.idempotency.hits(queueName, records, now, queue) : undefined;
    if (hits !== undefined) return enqueueRemembered(records, hits, (rest) => this.doEnqueue(queueName, rest));
    const checkDead = queue.dead.size > 0;
    let duplicateIds: string[] | undefined;
    let keyed = false;
    for (const record of records) {
      if (queue.has(record.id) || (checkDead && queue.dead.has(record.id))) (duplicateIds ??= []).push(record.id);
      if (record.deduplication !== undefined) keyed = true;
    }
    if (duplicateIds !== undefined) return Promise.resolve({ duplicateIds });
    if (keyed) {
      const result = enqueueDeduplicated(queue, this.keysOf(queueName), records, now);
      this.wake(queueName);
      return Promise.resolve(result);
    }
    for (const record of records) queue.add(record, now);
    this.wake(queueName);
    return Promise.resolve(STORED);
  }

  /** All targets in one step (nothing can fail half-way); a target that holds one of its ids stores nothing. */
  doEnqueueRouted(targets: readonly RoutedEnqueue[], options: RoutedEnqueueOptions): Promise<RoutedEnqueueResult> {
    if (options.bindingsVersion !== this.bindings.version) return Promise.resolve({ stale: true, results: [] });
    return Promise.all(targets.map((t) => this.doEnqueue(t.queueName, t.records))).then((results) => ({ stale: false, results }));
  }

  doSaveBinding(binding: BindingRecord): Promise<number> { return Promise.resolve(this.bindings.save(binding)); }

  doRemoveBinding(id: string): Promise<boolean> { return Promise.resolve(this.bindings.remove(id)); }

  doListBindings(): Promise<BindingsSnapshot> { return Promise.resolve(this.bindings.list()); }

  doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    return Promise.resolve(this.queue(queueName).take(options.max, this.clock.now(), options.leaseMs, this.newToken, options.groupConcurrency));
  }

  doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    const queue = this.queue(queueName);
    const now = this.clock.now(); // one read per ack: it judges the lease, settles the key, stamps the window
    const slot = queue.holder(lease.id, lease.leaseToken, now);
    if (slot < 0) return Promise.resolve(false);
    const hash = queue.idHash(slot); // before remove() frees the slot: the window reuses it
    // A group's lease ended: consumers held back by groupConcurrency may take again.
    if (queue.remove(slot)) this.wake(queueName);
    if (this.dedupKeys.size > 0 && settleKey(queue, this.dedupKeys.get(queueName), lease.id, false, now)) this.wake(queueName);
    if (this.idempotency.size > 0) this.idempotency.rememberOne(queueName, lease.id, now, hash);
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
    if (queue.remove(slot)) this.wake(queueName);
    if (this.dedupKeys.size > 0 && settleKey(queue, this.dedupKeys.get(queueName), lease.id, true, now)) this.wake(queueName);
    return Promise.resolve(true);
  }

  doWaitForWork(queueName: string, signal: AbortSignal): Promise<void> { return this.waiters.wait(queueName, this.queue(queueName), signal); }

  doCount(queueName: string): Promise<QueueCounts> { return Promise.resolve(this.queue(queueName).counts(this.clock.now())); }

  doListQueues(): Promise<string[]> { return Promise.resolve([...this.queues.keys()]); }

  doPurge(queueName: string): Promise<number> {
    const queue = this.queue(queueName);
    this.dedupKeys.get(queueName)?.clear((id) => queue.dead.has(id));
    if (this.idempotency.size > 0) this.idempotency.remember(queueName, queue.storedIds(), this.clock.now());
    return Promise.resolve(queue.clear());
  }

  /** Partitions are stored and the queue stays one: this process has no shards to spread it over. */
  doDeclareQueue(queueName: string, settings: QueueSettings): Promise<QueueSettings> {
    const stored = this.declaredSettings.get(queueName);
    if (stored !== undefined) return Promise.resolve(stored);
    this.declaredSettings.set(queueName, { partitions: settings.partitions });
    return Promise.resolve(settings);
  }

  doDeleteQueue(queueName: string): Promise<void> {
    this.queues.delete(queueName);
    this.dedupKeys.delete(queueName);
    this.declaredSettings.delete(queueName);
    this.idempotency.forget(queueName);
    // Consumers waiting on it take again and find it empty.
    this.wake(queueName);
    return Promise.resolve();
  }

  doScanRecords(queueName: string, options: ScanOptions): Promise<ScanPage> {
    const queue = this.queues.get(queueName);
    return Promise.resolve(queue === undefined ? { records: [], nextCursor: '' } : scanMemoryRecords(queue, options, this.clock.now()));
  }

  doRewriteRecord(queueName: string, id: string, expected: RecordData, data: RecordData): Promise<boolean> {
    const queue = this.queues.get(queueName);
    return Promise.resolve(queue !== undefined && rewriteMemoryRecord(queue, id, expected, data));
  }

  doListDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    const all = [...this.queue(queueName).dead.values()];
    return Promise.resolve(all.slice(options.offset, options.offset + options.limit));
  }

  doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    const revived = replayMemoryDeadLetters(this.queue(queueName), ids, this.dedupKeys.get(queueName), this.clock.now());
    if (revived.length > 0) this.wake(queueName);
    return Promise.resolve(revived);
  }

  doCountGroups(queueName: string, limit: number): Promise<GroupBacklog[]> { return Promise.resolve(this.queue(queueName).groupBacklog(limit)); }

  doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    const purged = purgeMemoryDeadLetters(this.queue(queueName), ids, this.dedupKeys.get(queueName));
    this.idempotency.remember(queueName, purged, this.clock.now());
    return Promise.resolve(purged.length);
  }

  doSetIdempotencyWindow(queueName: string, windowMs: number): void { this.idempotency.setWindow(queueName, windowMs); }

  // The admin seams (capabilities.admin): memory-admin-actions.ts does the work; the store's clock judges due times.
  doGetRecord(queueName: string, id: string): Promise<DetailedRecord | null> { return Promise.resolve(getMemoryRecord(this.queues.get(queueName), id, this.clock.now())); }

  doDeleteRecords(queueName: string, ids: readonly string[]): Promise<ActionOutcome[]> {
    const now = this.clock.now();
    const { outcomes, deleted } = deleteMemoryRecords(this.queues.get(queueName), ids, this.dedupKeys.get(queueName), now);
    // Left the queue as purged ones do (the window remembers them); a record held back behind one may be due: wake.
    if (this.idempotency.size > 0) this.idempotency.remember(queueName, deleted, now);
    if (deleted.length > 0) this.wake(queueName);
    return Promise.resolve(outcomes);
  }

  doPromoteRecords(queueName: string, ids: readonly string[]): Promise<ActionOutcome[]> {
    const outcomes = promoteMemoryRecords(this.queues.get(queueName), ids, this.clock.now());
    this.wake(queueName);
    return Promise.resolve(outcomes);
  }

  doSetPriority(queueName: string, ids: readonly string[], priority: number): Promise<ActionOutcome[]> { return Promise.resolve(setMemoryPriority(this.queues.get(queueName), ids, priority, this.clock.now())); }

  /** Paused: takes lease nothing and waiters set no timer (work-waiters.ts); a resume wakes them. */
  doSetPaused(queueName: string, paused: boolean): Promise<void> {
    this.queue(queueName).paused = paused;
    if (!paused) this.wake(queueName);
    return Promise.resolve();
  }

  protected queue(queueName: string): MemoryQueueState {
    let queue = this.queues.get(queueName);
    if (queue === undefined) this.queues.set(queueName, (queue = new MemoryQueueState()));
    return queue;
  }

  /** The deduplication keys of a queue, made at its first keyed enqueue. */
  protected keysOf(queueName: string): DedupKeys { return DedupKeys.of(this.dedupKeys, queueName); }

  protected wake(queueName: string): void { this.waiters.wake(queueName); }
}
