import type { DeclaredCapabilities } from './provider-capabilities.js';
import type { ActionOutcome, RecordDetails, ScannedRecord, ScanOptions, ScanPage, ScanState } from './record-scan.js';
import type { BindingRecord, BindingsSnapshot, RoutedEnqueueOptions } from './routing-records.js';

/**
 * The provider contract, version 2. A provider stores and moves records; every decision about
 * retries, backoff, dead letters, events and stats belongs to the core, which is the only caller
 * of these `do*` methods. Times are epoch milliseconds of the provider's clock, durations are ms.
 * What a store can and cannot do is declared in `capabilities` (provider-capabilities.ts), and
 * the core honours it. See docs/writing-a-provider.md.
 */
export const PROVIDER_SPECIFICATION_VERSION = 'mq-provider-v2' as const;

/** Contract versions the core accepts: a v1 provider declares only the first three capabilities (the rest take their v1 meaning). */
export type ProviderSpecificationVersion = 'mq-provider-v1' | typeof PROVIDER_SPECIFICATION_VERSION;
import type { DeadLetterOptions, DeadRecord, EnqueueRecord, EnqueueResult, GroupBacklog, LeaseRef, ListOptions, ProviderDescription, QueueCounts, QueueSettings, ReadyPeek, RecordData, ReleaseOptions, RoutedEnqueue, RoutedEnqueueResult, TakeOptions, TakenRecord, WireEvent } from './provider-records.js';

export type { DeadLetterOptions, DeadRecord, DeduplicatedRecord, DeduplicationMode, DeduplicationSpec, EnqueueRecord, EnqueueResult, GroupBacklog, LeaseRef, ListOptions, ProviderDescription, QueueCounts, QueueSettings, ReadyPeek, RecordData, ReleaseOptions, RoutedEnqueue, RoutedEnqueueResult, TakeOptions, TakenRecord, WireEvent } from './provider-records.js';

export interface QueueProvider {
  readonly specificationVersion: ProviderSpecificationVersion;
  /** Short name reported by health() and getStats(), e.g. "memory" or "redis". */
  readonly name: string;
  /** What the store can do; fields left out take their v1 meaning (V1_CAPABILITY_DEFAULTS). The core reads them once, at connect(). */
  readonly capabilities: DeclaredCapabilities;

  /** Opens connections. Throws ProviderUnavailableError when the store cannot be reached. */
  doConnect(): Promise<void>;
  /** Closes what doConnect opened; a client the user passed in stays open. Idempotent. */
  doDisconnect(): Promise<void>;
  /** True when the store answers now. Never throws. */
  doHealthCheck(): Promise<boolean>;
  /** Optional: what the store runs on (persistence settings), for health reports. May throw when the store is down. */
  doDescribe?(): Promise<ProviderDescription>;

  /** Stores all records or none (atomic). A record with a delay waits; others are ready at once. */
  doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult>;
  /** Optional: remember ids leaving `queueName` for `windowMs` (0 = off), see docs/deduplication.md "Idempotency window". */
  doSetIdempotencyWindow?(queueName: string, windowMs: number): void;
  /**
   * Atomically: makes due delayed records ready, returns records whose lease expired to the front
   * of their priority's ready records (in their old order: they were taken before everything still
   * waiting), then takes up to `max` ready records, highest priority first and FIFO within a priority,
   * adding 1 to their attempts and leasing each under a new token for `leaseMs`. With
   * capabilities.groups, within one priority the groups with ready records take turns (one record
   * each, round-robin), FIFO within a group; records without a group take their turn as one group;
   * a group that holds `groupConcurrency` leases is passed over (its records wait, nothing else does).
   */
  doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]>;
  /** Removes a leased record as completed. False (and no change) when the lease is not held. */
  doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean>;
  /** Ends a lease and makes the record available again after options.delayMs. False when the lease is not held. */
  doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean>;
  /** Moves a leased record to the dead-letter store with `error`. False when the lease is not held. */
  doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean>;
  /**
   * Resolves when work may have become available: at once if a record is ready or due now,
   * otherwise on an enqueue or release, when the next delayed record or lease falls due,
   * or when `signal` aborts. May resolve early (the core takes again); must not spin.
   */
  doWaitForWork(queueName: string, signal: AbortSignal): Promise<void>;

  doCount(queueName: string): Promise<QueueCounts>;
  /** Every queue that has been used, in any order. */
  doListQueues(): Promise<string[]>;
  /** Removes every ready, delayed and leased record of the queue; returns how many. Dead letters stay. */
  doPurge(queueName: string): Promise<number>;
  /**
   * Removes the queue entirely: every record, dead letter and counter, and its entry in the list
   * of queues (doListQueues no longer names it until it is used again). Leases of it are no longer held.
   */
  doDeleteQueue(queueName: string): Promise<void>;

  /** Dead letters, oldest first. */
  doListDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]>;
  /** Moves dead letters (all, or those ids) back to the ready set with attempts 0; returns the ids moved. */
  doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]>;
  /** Removes dead letters (all, or those ids); returns how many. */
  doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number>;

  /**
   * Seam (capabilities.partitions): stores the queue's settings, or returns the ones already stored
   * (the caller compares). Optional: without it declareQueue stores nothing.
   */
  doDeclareQueue?(queueName: string, settings: QueueSettings): Promise<QueueSettings>;
  /** capabilities.partitions, with doPartitionQueueName: the settings stored with the queue, or undefined when none are. */
  doReadQueueSettings?(queueName: string): Promise<QueueSettings | undefined>;
  /**
   * capabilities.partitions, for a store with shards: the store queue that holds partition
   * `partition` (1 to partitions - 1) of `queueName`, which must be `queueName` + '#' + a suffix
   * (partition 0 is the queue itself; '#' never occurs in a queue name). Where this exists, the core
   * spreads a partitioned queue over these store queues (docs/scaling.md); without it the store
   * keeps a partitioned queue as one. Pure: the same arguments give the same name in every process.
   */
  doPartitionQueueName?(queueName: string, partition: number, partitions: number): string;
  /**
   * With doPartitionQueueName: what a doTake would start with now, read-only. `priority` 1–10 with
   * `count` >= 1 records ready at that level (a lower bound); 11 when delayed records are due or
   * leases expired (their priority is known once a take moves them); 0 when nothing can be taken.
   */
  doPeekReady?(queueName: string): Promise<ReadyPeek>;
  /**
   * The counts of each partition of the queue, partition 0 first (getStats(q, { partitions: true })).
   * The core's PartitionedQueues answers it over doCount of each partition's store queue; a store
   * that keeps a partitioned queue as one needs none (the core then reports doCount as partition 0).
   */
  doCountPartitions?(queueName: string): Promise<QueueCounts[]>;
  /** capabilities.groups: ready records per group (records without a group left out), most first, at most `limit` (>= 1). */
  doCountGroups?(queueName: string, limit: number): Promise<GroupBacklog[]>;
  /**
   * capabilities.routing: stores each target's records unless that target already holds one of
   * their ids (that target then stores none; the others still do), only while the stored bindings
   * are at options.bindingsVersion (else nothing: stale). All or none where the store can (docs/routing.md).
   */
  doEnqueueRouted?(targets: readonly RoutedEnqueue[], options: RoutedEnqueueOptions): Promise<RoutedEnqueueResult>;
  /** capabilities.routing: stores (or replaces) a binding by id, shared where the store is; returns the new version. */
  doSaveBinding?(binding: BindingRecord): Promise<number>;
  /** capabilities.routing: removes a binding; false when none had that id. */
  doRemoveBinding?(id: string): Promise<boolean>;
  /** capabilities.routing: every stored binding and their version. */
  doListBindings?(): Promise<BindingsSnapshot>;

  /** Optional (capabilities.scanRecords): a page of the queue's records in one state (ready, delayed, dead; never leased). */
  doScanRecords?(queueName: string, options: ScanOptions): Promise<ScanPage>;
  /**
   * Optional (capabilities.scanRecords): atomically replaces the data of record `id` (waiting or
   * dead) with `data` if its data is still `expected`; everything else about it stays. False (and
   * no change) when the record is leased, gone, or its data is no longer `expected`.
   */
  doRewriteRecord?(queueName: string, id: string, expected: RecordData, data: RecordData): Promise<boolean>;

  /** capabilities.admin: one record in any state with its details, or null when the queue holds none with that id. */
  doGetRecord?(queueName: string, id: string): Promise<(ScannedRecord & { readonly state: ScanState; readonly details: RecordDetails }) | null>;
  /** capabilities.admin: removes ready, delayed and dead records (releasing until-settled dedup keys); leased ones are wrong_state. Same order as ids. */
  doDeleteRecords?(queueName: string, ids: readonly string[]): Promise<ActionOutcome[]>;
  /** capabilities.admin: makes delayed records ready now (nowMs: the core's now, else the store's); others are wrong_state. Same order as ids. */
  doPromoteRecords?(queueName: string, ids: readonly string[], nowMs?: number): Promise<ActionOutcome[]>;
  /** capabilities.admin: sets the priority (1–10) of ready and delayed records; others are wrong_state. Same order as ids. */
  doSetPriority?(queueName: string, ids: readonly string[], priority: number): Promise<ActionOutcome[]>;
  /**
   * capabilities.admin: pauses or resumes taking from the queue, shared where the store is. While
   * paused doTake returns [] and doWaitForWork resolves only on resume, its signal or its usual
   * periodic re-check (never spins); enqueues go on. doCount reports `paused`.
   */
  doSetPaused?(queueName: string, paused: boolean): Promise<void>;

  /** Optional (capabilities.crossInstanceEvents): publishes an event to every instance. */
  doPublishEvent?(event: WireEvent): Promise<void>;
  /** Optional: receives events of every instance until the returned function is called. */
  doSubscribeEvents?(listener: (event: WireEvent) => void): Promise<() => Promise<void>>;
}
