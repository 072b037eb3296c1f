import type { ProviderCapabilities } from '@mq/core/provider';

/**
 * What the in-memory store does, in full (contract v2): everything the core asks natively, so the
 * core adapts nothing. One process only and lost on exit; bytes are kept as they are. Partitions
 * are accepted (the count is stored with the queue) and the queue behaves as one: one process has no
 * shards to spread over.
 */
export const MEMORY_CAPABILITIES: ProviderCapabilities = Object.freeze({
  sharedAcrossProcesses: false,
  durable: false,
  crossInstanceEvents: false,
  priorities: 'native',
  fencedAcks: true,
  counts: 'exact',
  deadLetters: 'listable',
  maxDelayMs: Infinity,
  atomicBatchEnqueue: true,
  blockingTake: false,
  reclaimToFront: true,
  ordering: 'strict',
  binaryData: true,
  scanRecords: true,
  deduplication: true,
  groups: true,
  partitions: true,
  routing: true,
  admin: true,
});

/**
 * The in-memory provider with persistence: the same, and its records survive a restart. The seams
 * whose state the log does not record yet (rewrite, deduplication keys, groups, partitions)
 * are declared off, so the core refuses them (MQ_UNSUPPORTED) instead of keeping state a restart
 * would lose; each comes back on when its operation codes are logged (log-ops.ts). Routing stays on:
 * a publish's copies go through the logged enqueue, and bindings live in the process as on the
 * plain provider (an app binds at start). Admin stays on: deletes, promotions, priority changes and
 * pauses are logged (log-ops.ts), and browsing reads what is stored (scanRecords stays off for
 * its rewrite).
 */
export const DURABLE_MEMORY_CAPABILITIES: ProviderCapabilities = Object.freeze({
  ...MEMORY_CAPABILITIES,
  durable: true,
  scanRecords: false,
  deduplication: false,
  groups: false,
  partitions: false,
});
