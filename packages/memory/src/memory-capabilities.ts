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
 * The in-memory provider with persistence: the same, and its state survives a restart. Every seam
 * logs what it changes (log-ops.ts): deduplication keys and groups with their enqueue, the
 * idempotency window's ids, rewrites of the scan/rewrite seam, declared partitions, and the admin
 * seams' deletes (releasing keys), promotions, priority changes and pauses. Routing: a publish's
 * copies go through the logged enqueue, and bindings live in the process as on the plain provider
 * (an app binds at start).
 */
export const DURABLE_MEMORY_CAPABILITIES: ProviderCapabilities = Object.freeze({
  ...MEMORY_CAPABILITIES,
  durable: true,
});
