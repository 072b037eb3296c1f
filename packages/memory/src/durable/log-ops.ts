/**
 * The operations of the durable log: one frame each, a code byte then its fields (see the
 * encoders in log-encoder.ts and the replay in replay-op.ts). New state is made durable by adding
 * an op here, an encoder and a replay case; a code is never reused for another meaning.
 */
export const OP = Object.freeze({
  /** A queue was created (so listQueues sees it after a restart): name. */
  QUEUE: 1,
  /** Records stored: name, now, count, then per record id, priority, delayMs, data. */
  ENQUEUE: 2,
  /** A take that moved or leased records: name, now, max, leaseMs (replayed by taking again). */
  TAKE: 3,
  /** A count that moved due or expired records: name, now. */
  SETTLE: 4,
  /** name, id, processingMs. */
  ACK: 5,
  /** name, id, now, delayMs, refund, lastError?. */
  RELEASE: 6,
  /** name, id, now, refund, error. */
  DEAD: 7,
  /** Dead letters put back: name, now, count, ids. */
  REVIVE: 8,
  /** Dead letters dropped: name, all (u8), count, ids. */
  PURGE_DEAD: 9,
  /** Waiting and leased records dropped: name. */
  PURGE: 10,
  /** name. */
  DELETE: 11,
  /**
   * Records stored of which some carry a deduplication key or a group: name, now, count, then per
   * record id, priority, delayMs, data, groupId?, and a flag byte with, when 1, key, mode (u8, see
   * DEDUP_MODES) and ttlMs (-1: none). Replayed through the same deduplicating enqueue.
   */
  ENQUEUE_KEYED: 12,
  /** A take with a group limit (TakeOptions.groupConcurrency): name, now, max, leaseMs, groupLimit. */
  TAKE_GROUPED: 13,
  /** Ids the queue's idempotency window remembers (left it by ack or purge): name, now, windowMs, count, ids. */
  REMEMBER: 14,
  /** A waiting or dead record's data rewritten (scan/rewrite seam): name, id, data. */
  REWRITE: 15,
  /** Admin delete (memory-admin-actions.ts, settling first): name, now, count, ids. */
  ADMIN_DELETE: 16,
  /** Admin promotion of delayed records to now: name, now, count, ids. */
  ADMIN_PROMOTE: 17,
  /** Admin priority change: name, now, priority (u8), count, ids. */
  ADMIN_PRIORITY: 18,
  /** The queue was paused (1) or resumed (0): name, paused (u8). */
  PAUSED: 19,
  /** The debounce record held back behind the record an ACK or DEAD just settled is released (the frame right after it): name, id, now. */
  UNPARK: 30,
  /** Snapshot: a queue and its numbers (name, nextSeq, completed, processingMsTotal); the records that follow are its. */
  IMAGE_QUEUE: 20,
  /** Snapshot: count, then per record its RecordImage fields. */
  IMAGE_RECORDS: 21,
  /** Snapshot: count, then per dead letter id, priority, data, attempts, error, failedAt. */
  IMAGE_DEAD: 22,
  /** Snapshot: the last frame of a whole snapshot. */
  IMAGE_END: 23,
  /** Snapshot, after its queue's records: count, holds (key, mode, expiresAt, count, ids); count, specs (id, key, mode, ttlMs). */
  IMAGE_KEYS: 24,
  /** Snapshot: a queue's idempotency window: name, windowMs, count, then per bucket its number, count, ids. */
  IMAGE_REMEMBERED: 25,
  /** Snapshot, before its queue's records: count, then per waiting, leased or dead record in a group id, groupId. */
  IMAGE_GROUPS: 26,
  /** A queue's declared settings (declareQueue), in a log and in a snapshot: name, partitions. */
  IMAGE_SETTINGS: 27,
  /** Snapshot: the queue of the last IMAGE_QUEUE is paused (no fields). */
  IMAGE_PAUSED: 28,
  /** Snapshot: after an IMAGE_RECORDS frame whose records have a last error time: count, then per record id, lastErrorAt. */
  IMAGE_ERROR_TIMES: 29,
  /** Snapshot, right after IMAGE_KEYS when any is: count, then per debounce record held back its hold's key, its own due time, and the record as ENQUEUE_KEYED logs one. */
  IMAGE_PARKED: 31,
});

/** The deduplication modes by their code in ENQUEUE_KEYED and IMAGE_KEYS. */
export const DEDUP_MODES = Object.freeze(['until-settled', 'ttl', 'debounce'] as const);
