import type { ProviderCapabilities } from '@mq/core/provider';

/** What Redis stores natively (contract v2, docs/writing-a-provider.md "Capabilities"), every field declared. */
export const REDIS_CAPABILITIES = Object.freeze({
  sharedAcrossProcesses: true,
  durable: true,
  crossInstanceEvents: true,
  // One ready list per priority level.
  priorities: 'native',
  // Each lease has a token; a script settles a lease only while its token is stored and unexpired.
  fencedAcks: true,
  counts: 'exact',
  deadLetters: 'listable',
  // Due times are scores of a sorted set: no cap.
  maxDelayMs: Infinity,
  // One enqueue.lua call stores a group all or none.
  atomicBatchEnqueue: true,
  // Waiting is pub/sub + doWaitForWork: a blocking take would hold the shared command connection.
  blockingTake: false,
  reclaimToFront: true,
  ordering: 'strict',
  // Records are stored as text; the core hands over binary bodies as base64.
  binaryData: false,
  // doScanRecords/doRewriteRecord: HSCAN walks and a compare-and-set script (scan-records.lua, rewrite-record.lua).
  scanRecords: true,
  deduplication: true,
  // Rings of groups per priority level, counted in Redis (lua/prelude.lua, docs/groups.md).
  groups: true,
  // Each partition a store queue with a hash tag of its own, merged by priority in the core (partition-queue-name.ts, docs/scaling.md).
  partitions: true,
  // enqueue-routed.lua stores a publish's copies; bindings live in one hash with a version.
  routing: true,
  // The admin seams: get-record, delete-records, promote-records, set-priority, set-paused (redis-admin.ts).
  admin: true,
} as const satisfies ProviderCapabilities);
