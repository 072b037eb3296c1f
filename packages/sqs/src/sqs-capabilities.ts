import type { ProviderCapabilities } from '@mq/core/provider';

/** What SQS does natively (contract v2, docs/writing-a-provider.md "Capabilities"; docs/sqs.md), every field declared. */
export const SQS_CAPABILITIES = Object.freeze({
  sharedAcrossProcesses: true,
  durable: true,
  crossInstanceEvents: false,
  // SQS has none: the core keeps one SQS queue per level (<queue>:mq-p<level>) and takes the highest first.
  priorities: 'none',
  // An old receipt handle may still delete a message: the core refuses settlements it knows are late (LeaseGuard).
  fencedAcks: false,
  // ApproximateNumberOfMessages*: eventually consistent.
  counts: 'approximate',
  // A dead-letter queue per queue. SQS can only receive from it: a listing, and a replay or purge by
  // id, walk it (bounded, giving back at once what they do not act on): approximate, as
  // docs/sqs.md "Dead letters" says (not what another consumer holds meanwhile, at most 1000 per level).
  deadLetters: 'listable',
  // DelaySeconds and ChangeMessageVisibility for a release: at most 15 minutes; the core re-schedules longer ones.
  maxDelayMs: 900_000,
  // SendMessageBatch: every record is checked before anything is sent, and entries SQS fails on its
  // side are sent again; a batch is still not strictly atomic, and as priorities are emulated over
  // several SQS queues the core tells users that enqueueMany is not atomic (effective capability).
  atomicBatchEnqueue: true,
  // ReceiveMessage long polling (WaitTimeSeconds up to 20).
  blockingTake: true,
  // A message whose visibility timeout ends is visible again wherever SQS keeps it: no order.
  reclaimToFront: false,
  // Standard queues: at-least-once, best-effort order.
  ordering: 'best-effort',
  // Bodies are text; the core hands over binary bodies as base64.
  binaryData: false,
  // No way to browse or rewrite stored messages (reencrypt, the admin API): SQS only receives.
  scanRecords: false,
  deduplication: false,
  groups: false,
  partitions: false,
  // SQS cannot browse, change or pause stored messages.
  admin: false,
  routing: false,
} as const satisfies ProviderCapabilities);

/** With fifo: true. FIFO queues keep order within a message group (a priority level's queue by default). */
export const SQS_FIFO_CAPABILITIES = Object.freeze({
  ...SQS_CAPABILITIES,
  // First in, first out within a level (MessageGroupId); a retried message holds its group until it is settled.
  ordering: 'strict',
} as const satisfies ProviderCapabilities);
