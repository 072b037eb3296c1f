import type { DeclaredCapabilities } from './provider-capabilities.js';

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

/** The data of a stored record: text, or bytes where capabilities.binaryData allows. Opaque to the provider. */
export type RecordData = string | Uint8Array;

/** How a deduplication key holds (seam: capabilities.deduplication; docs/deduplication.md once built). */
export type DeduplicationMode = 'until-settled' | 'ttl' | 'debounce';

export interface DeduplicationSpec {
  readonly key: string;
  readonly mode: DeduplicationMode;
  /** For 'ttl' (and optionally the others): how long the key holds after the first enqueue. */
  readonly ttlMs?: number;
}

/** What the core asks a provider to store. `data` is opaque to the provider. */
export interface EnqueueRecord {
  readonly id: string;
  /** 1–10, higher first. */
  readonly priority: number;
  /** Wait this long (provider clock) before the record may be taken; 0 = now. */
  readonly delayMs: number;
  readonly data: RecordData;
  /** Seam (capabilities.deduplication): drop or merge this record when its key is held. */
  readonly deduplication?: DeduplicationSpec;
  /** Seam (capabilities.groups): the fair-scheduling group this record belongs to. */
  readonly groupId?: string;
}

/** A record taken under a lease. */
export interface TakenRecord {
  readonly id: string;
  readonly priority: number;
  readonly data: RecordData;
  /** Deliveries including this one (the provider adds 1 on every take). */
  readonly attempts: number;
  /** When the record became available. */
  readonly availableAt: number;
  readonly leaseToken: string;
  /** The lease holds through this instant. */
  readonly leaseExpiresAt: number;
  /** As last passed to doRelease, if any. */
  readonly lastError?: string;
}

/** Names one delivery: the record's id and the token its take returned. */
export interface LeaseRef {
  readonly id: string;
  readonly leaseToken: string;
}

export interface DeadRecord {
  readonly id: string;
  readonly priority: number;
  readonly data: RecordData;
  readonly attempts: number;
  /** As passed to doDeadLetter. */
  readonly error: string;
  readonly failedAt: number;
}

/** Counts of one queue. */
export interface QueueCounts {
  /** Available now (including records whose lease expired and that were not yet reclaimed: 0 or more). */
  readonly ready: number;
  /** Waiting for their due time (delays and retry backoff). */
  readonly delayed: number;
  /** Under a lease. */
  readonly processing: number;
  readonly dead: number;
  /** Acknowledged since the queue was first used. */
  readonly completed: number;
  /** Sum of processingMs passed to doAck. */
  readonly processingMsTotal: number;
}

export interface EnqueueResult {
  /** Ids already present in the queue. When non-empty, nothing was stored. */
  readonly duplicateIds: readonly string[];
  /**
   * capabilities.deduplication: the records of this call that met a held deduplication key, in
   * call order (undefined or empty: none). The other records were stored.
   */
  readonly deduplicated?: readonly DeduplicatedRecord[];
}

/**
 * A record of an enqueue call that met a held deduplication key (docs/deduplication.md):
 * dropped (`replaced` false: the message `existingId` stands), or, in mode 'debounce', stored in
 * place of the waiting record `existingId`, which is gone (`replaced` true: the new record stands).
 */
export interface DeduplicatedRecord {
  /** Its position in the records of the call. */
  readonly index: number;
  readonly existingId: string;
  readonly replaced: boolean;
  /** True: its id left the queue within the idempotency window; dropped, `existingId` is its own id. */
  readonly byId?: boolean;
}

export interface TakeOptions {
  /** Take at most this many records (>= 1). */
  readonly max: number;
  readonly leaseMs: number;
  /** capabilities.blockingTake only: wait up to this long for a record when none is ready (long polling). */
  readonly waitMs?: number;
  /** capabilities.blockingTake only: ends such a wait early (a subscription closing); the take then returns what it has, perhaps nothing. */
  readonly signal?: AbortSignal;
  /** Seam (capabilities.groups): at most this many records of one group leased at once, across every consumer. */
  readonly groupConcurrency?: number;
}

/** Settings stored with a queue so every process agrees on them (seam: capabilities.partitions). */
export interface QueueSettings {
  /** Shards the queue is spread over; 1 = one (the default). */
  readonly partitions: number;
}

/** One target of a routed publish (seam: capabilities.routing). */
export interface RoutedEnqueue {
  readonly queueName: string;
  readonly records: readonly EnqueueRecord[];
}

export interface ReleaseOptions {
  /** Make the record available again after this delay. */
  readonly delayMs: number;
  /** Stored and returned as lastError on the next take. */
  readonly lastError?: string;
  /** Subtract the delivery that this lease counted (used when a consumer shuts down unharmed). */
  readonly refundAttempt?: boolean;
}

export interface DeadLetterOptions {
  /** Subtract the delivery that this lease counted (the take found the record out of attempts: its handler never ran). */
  readonly refundAttempt?: boolean;
}

/** What a provider tells about the store it runs on (health reports show it). */
export interface ProviderDescription {
  /**
   * How the store keeps data, as the store names it (Redis: appendonly, appendfsync). Values are
   * settings, never secrets. Undefined when the store cannot tell (e.g. CONFIG is disabled).
   */
  readonly persistence?: Readonly<Record<string, string>>;
}

export interface ListOptions {
  readonly offset: number;
  readonly limit: number;
}

/** An event that the core publishes for other instances. */
export interface WireEvent {
  readonly event: 'completed' | 'deadLetter';
  readonly queueName: string;
  readonly id: string;
  readonly priority: number;
  readonly data: string;
  readonly attempts: number;
  /** Set for deadLetter: the stored error text. */
  readonly error?: string;
  readonly at: number;
}

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
   * adding 1 to their attempts and leasing each under a new token for `leaseMs`.
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
   * (the caller compares). Optional until a provider supports partitions.
   */
  doDeclareQueue?(queueName: string, settings: QueueSettings): Promise<QueueSettings>;
  /** Seam (capabilities.routing): stores each target's records (atomically where the store can). */
  doEnqueueRouted?(targets: readonly RoutedEnqueue[]): Promise<EnqueueResult[]>;

  /** Optional (capabilities.crossInstanceEvents): publishes an event to every instance. */
  doPublishEvent?(event: WireEvent): Promise<void>;
  /** Optional: receives events of every instance until the returned function is called. */
  doSubscribeEvents?(listener: (event: WireEvent) => void): Promise<() => Promise<void>>;
}
