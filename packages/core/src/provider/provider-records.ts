/** The records and options that cross the provider contract (QueueProvider, queue-provider.ts). */

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
  /** capabilities.groups: the fair-scheduling group this record belongs to (docs/groups.md). */
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
  /**
   * Optional: how long (ms, on the store's clock) the ready record that became available first has
   * been available, when any is ready. A provider that cannot tell cheaply leaves it out.
   */
  readonly oldestReadyAgeMs?: number;
  /** capabilities.admin: the queue is paused (doSetPaused). */
  readonly paused?: boolean;
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
  /** capabilities.groups: at most this many records of one group leased at once, across every consumer (records without a group are not limited). */
  readonly groupConcurrency?: number;
}

/** Ready records of one group (capabilities.groups): getStats(queueName) reports the largest. */
export interface GroupBacklog {
  readonly groupId: string;
  /** Records of the group ready to take now (delayed ones and retries in backoff are not counted). */
  readonly waiting: number;
}

/** Settings stored with a queue so every process agrees on them (seam: capabilities.partitions). */
export interface QueueSettings {
  /** Shards the queue is spread over; 1 = one (the default). */
  readonly partitions: number;
}

/** What doPeekReady sees of a store queue (partitioned queues: the take visits the best first). */
export interface ReadyPeek {
  /** 1–10: the highest level with ready records; 11: due records of a priority not yet known; 0: nothing to take. */
  readonly priority: number;
  /** Records ready at that level, at least (1 for 11). */
  readonly count: number;
}

/** One target of a routed publish (capabilities.routing): the copies one queue gets. */
export interface RoutedEnqueue {
  readonly queueName: string;
  readonly records: readonly EnqueueRecord[];
}

/** What doEnqueueRouted did: nothing (stale: the bindings changed since that version), or per target its duplicates (see EnqueueResult). */
export interface RoutedEnqueueResult {
  readonly stale: boolean;
  readonly results: readonly EnqueueResult[];
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
