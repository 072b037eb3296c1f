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
  /** Admin delete (memory-admin-actions.ts, settling first): name, now, count, ids. */
  ADMIN_DELETE: 16,
  /** Admin promotion of delayed records to now: name, now, count, ids. */
  ADMIN_PROMOTE: 17,
  /** Admin priority change: name, now, priority (u8), count, ids. */
  ADMIN_PRIORITY: 18,
  /** The queue was paused (1) or resumed (0): name, paused (u8). */
  PAUSED: 19,
  /** Snapshot: a queue and its numbers (name, nextSeq, completed, processingMsTotal); the records that follow are its. */
  IMAGE_QUEUE: 20,
  /** Snapshot: count, then per record its RecordImage fields. */
  IMAGE_RECORDS: 21,
  /** Snapshot: count, then per dead letter id, priority, data, attempts, error, failedAt. */
  IMAGE_DEAD: 22,
  /** Snapshot: the last frame of a whole snapshot. */
  IMAGE_END: 23,
  /** Snapshot: the queue of the last IMAGE_QUEUE is paused (no fields). */
  IMAGE_PAUSED: 28,
  /** Snapshot: after an IMAGE_RECORDS frame whose records have a last error time: count, then per record id, lastErrorAt. */
  IMAGE_ERROR_TIMES: 29,
});
