/**
 * What a provider's store can do, declared once by the provider and honoured by the core: where
 * a store lacks something, the core emulates it, guards it, flags it or refuses it with
 * MQ_UNSUPPORTED (docs/writing-a-provider.md, "Capabilities"). The contract suite runs each case
 * only where the capabilities it needs are declared, and says why in the title of a case it skips.
 */
export interface ProviderCapabilities {
  /** Several processes may share one queue (leases and counters live outside the process). */
  readonly sharedAcrossProcesses: boolean;
  /** Records survive a restart of the application process. */
  readonly durable: boolean;
  /** doPublishEvent/doSubscribeEvents carry events between instances. */
  readonly crossInstanceEvents: boolean;

  /**
   * 'native': doTake hands out higher priorities first. 'none': the store ignores priority; the
   * core emulates priorities 1–10 with one sub-queue per level.
   */
  readonly priorities: 'native' | 'none';
  /**
   * True: doAck/doRelease/doDeadLetter with a stale lease token change nothing and return false.
   * False (e.g. an SQS receipt handle still deletes after its visibility ended): the core refuses an
   * ack, nack or give-back whose lease it knows has expired before calling the provider.
   */
  readonly fencedAcks: boolean;
  /** 'approximate': doCount may lag behind (SQS); stats say so (`approximate: true`). */
  readonly counts: 'exact' | 'approximate';
  /**
   * 'listable': doListDeadLetters/doReplayDeadLetters/doPurgeDeadLetters work on ids and pages.
   * 'none': the store keeps dead letters but cannot list them; those calls fail with MQ_UNSUPPORTED.
   */
  readonly deadLetters: 'listable' | 'none';
  /** The longest delayMs the store takes (Infinity: any). The core re-schedules longer delays. */
  readonly maxDelayMs: number;
  /** True: doEnqueue stores all records of a call or none. False: the core enqueues one by one and enqueueMany is not atomic. */
  readonly atomicBatchEnqueue: boolean;
  /** True: doTake waits up to options.waitMs for work (long polling); the core then never calls doWaitForWork. */
  readonly blockingTake: boolean;
  /** True: a record whose lease expired returns ahead of the records enqueued after it. */
  readonly reclaimToFront: boolean;
  /** 'strict': FIFO within a priority. 'per-partition': FIFO within a partition or group. 'best-effort': no order promised. */
  readonly ordering: 'strict' | 'per-partition' | 'best-effort';
  /** True: `data` may be a Uint8Array and comes back as one. False: the core hands over strings only (binary bodies as base64). */
  readonly binaryData: boolean;
  /** doScanRecords/doRewriteRecord browse a queue's stored records and rewrite one in place (queue.reencrypt()). */
  readonly scanRecords: boolean;

  // Features after contract v2 (false → MQ_UNSUPPORTED). groups and partitions: @mq/memory (partitions as one queue) and @mq/redis (a store queue per partition).
  /** EnqueueRecord.deduplication is honoured (deduplication keys with a window). */
  readonly deduplication: boolean;
  /** EnqueueRecord.groupId and TakeOptions.groupConcurrency are honoured (fair groups). */
  readonly groups: boolean;
  /** doDeclareQueue accepts partitions > 1 (one queue spread over several shards; a store without shards may keep it as one queue). */
  readonly partitions: boolean;
  /** doEnqueueRouted stores the copies of one published message in several queues. */
  readonly routing: boolean;
  /** doGetRecord/doDeleteRecords/doPromoteRecords/doSetPriority/doSetPaused, doScanRecords of 'processing' and ScannedRecord.details (the admin API). */
  readonly admin: boolean;
}

/** The capabilities of a provider written for contract v1 (which declared only the first three). */
export const V1_CAPABILITY_DEFAULTS: Omit<ProviderCapabilities, 'sharedAcrossProcesses' | 'durable' | 'crossInstanceEvents'> = Object.freeze({
  priorities: 'native',
  fencedAcks: true,
  counts: 'exact',
  deadLetters: 'listable',
  maxDelayMs: Infinity,
  atomicBatchEnqueue: true,
  blockingTake: false,
  reclaimToFront: true,
  ordering: 'strict',
  binaryData: false,
  scanRecords: false,
  deduplication: false,
  groups: false,
  partitions: false,
  routing: false,
  admin: false,
});

/** What a provider declares: the three fields of v1, and any of the rest (missing ones take their v1 meaning). */
export type DeclaredCapabilities = Pick<ProviderCapabilities, 'sharedAcrossProcesses' | 'durable' | 'crossInstanceEvents'> & Partial<ProviderCapabilities>;
