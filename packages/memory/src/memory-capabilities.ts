import type { ProviderCapabilities } from '@mq/core/provider';

/**
 * What the in-memory store does, in full (contract v2): everything the core asks natively, so the
 * core adapts nothing. One process only and lost on exit; bytes are kept as they are.
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
  deduplication: false,
  groups: false,
  partitions: false,
  routing: true,
});
