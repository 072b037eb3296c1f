/** @mq/core/provider: what provider authors need, apart from the user API. */
export { PROVIDER_SPECIFICATION_VERSION } from './provider/queue-provider.js';
export type { BindingRecord, BindingsSnapshot, RoutedEnqueueOptions } from './provider/routing-records.js';
export { V1_CAPABILITY_DEFAULTS } from './provider/provider-capabilities.js';
export { normalizeCapabilities } from './provider/normalize-capabilities.js';
export type { DeclaredCapabilities, ProviderCapabilities } from './provider/provider-capabilities.js';
export type { ActionOutcome, RecordDetails, ScanOptions, ScannedRecord, ScanPage, ScanState } from './provider/record-scan.js';
export type {
  DeadLetterOptions,
  DeadRecord,
  DeduplicationMode,
  DeduplicationSpec,
  EnqueueRecord,
  DeduplicatedRecord,
  EnqueueResult,
  GroupBacklog,
  LeaseRef,
  ListOptions,
  ProviderDescription,
  QueueCounts,
  QueueProvider,
  QueueSettings,
  ReadyPeek,
  RecordData,
  RoutedEnqueue,
  RoutedEnqueueResult,
  ProviderSpecificationVersion,
  ReleaseOptions,
  TakenRecord,
  TakeOptions,
  WireEvent,
} from './provider/queue-provider.js';
export type { Clock, TimerHandle } from './clock/clock.js';
export { systemClock } from './clock/system-clock.js';
export { ManualClock } from './clock/manual-clock.js';
export { MqError, isMqError } from './errors/mq-error.js';
export { ProviderUnavailableError } from './errors/provider-unavailable-error.js';
export { ValidationError } from './errors/validation-error.js';
export { QUEUE_NAME_PATTERN, validateQueueName } from './message/validate.js';
// Provider packages type their `mqProvider` export with these.
export type { ProviderEnvVar, ProviderFactory, ProviderFactoryInput } from './registry/provider-factory.js';
export { effectiveCapabilities } from './capabilities/adapt-provider.js';
export { parsePriorityLevelQueueName, priorityLevelQueueName } from './capabilities/priority-level-names.js';
export type { ActionReport, MessageFilter, MessageInfo, MessageState, MessageTarget } from './admin/message-info.js';
