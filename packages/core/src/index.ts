export { createMessageQueue } from './config/create-message-queue.js';
export type { CreateMessageQueueOptions } from './config/create-message-queue.js';
export { PROVIDER_NAMES } from './config/provider-names.js';
export type { ProviderName } from './config/provider-names.js';
export { listRegisteredProviders, registerProvider } from './registry/provider-registry.js';
export type { ProviderEnvVar, ProviderFactory, ProviderFactoryInput } from './registry/provider-factory.js';
export { MessageQueue } from './queue/message-queue.js';
export type { ActivityEvent, ActivityListener } from './queue/activity-event.js';
export type { PayloadMap, QueueKey } from './queue/message-queue.js';
export type { HealthReport, ListQueuesOptions, MessageQueueOptions } from './queue/message-queue-options.js';
export type { NackResult } from './queue/deliveries.js';
export type { Subscription } from './queue/subscription.js';
export type { HandlerContext, MessageHandler, SubscribeOptions } from './queue/subscribe-options.js';
export type { DeadLetterListOptions, ReplayResult } from './queue/dead-letter-store.js';
export type {
  CompletedEvent,
  DeadLetterEvent,
  DeduplicatedEvent,
  EnqueuedEvent,
  FailedEvent,
  ProcessingEvent,
  QueueEventMap,
  RetryingEvent,
} from './queue/queue-events.js';
export type { PartitionCounts, PartitionStats, QueueStats, QueueStatsOptions, SingleQueueStats } from './queue/queue-stats.js';
export { QUEUE_NAMES } from './queue/queue-names.js';
export type { QueueName } from './queue/queue-names.js';
export { DEFAULT_MAX_RETRIES, DEFAULT_PRIORITY } from './message/queue-message.js';
export type { CreateMessageOptions, DeadLetter, DeduplicationOptions, ErrorInfo, Lease, MessageMetadata, QueueMessage, ReceivedMessage } from './message/queue-message.js';
export type { QueueDeclaration } from './capabilities/declare-queue.js';
export type { PublishOptions, PublishResult } from './routing/publish-options.js';
export type { QueueBinding } from './routing/queue-binding.js';
export type { WhereCondition, WhereFilter, WhereOperators, WhereValue } from './routing/where-filter.js';
export { QUEUE_NAME_PATTERN, validateQueueName } from './message/validate.js';
export { createRetryPolicy } from './retry/retry-policy.js';
export type { RetryOptions, RetryPolicy, RetryStrategy } from './retry/retry-policy.js';
export { jsonCodec } from './codec/json-codec.js';
export type { PayloadCodec } from './codec/payload-codec.js';
export { createPayloadPipeline } from './pipeline/payload-pipeline.js';
export type { PayloadPipeline, PayloadPipelineOptions } from './pipeline/payload-pipeline.js';
export { jsonSerializer } from './pipeline/json-serializer.js';
export { StageFailure } from './pipeline/stage-failure.js';
export { aesGcmEncryption } from './pipeline/aes-gcm-encryption.js';
export type { AesGcmEncryptionOptions, EncryptionStage } from './pipeline/aes-gcm-encryption.js';
export { gzipCompression } from './pipeline/gzip-compression.js';
export type { ActionOptions, ActionOutcome, ActionReport, ListMessagesOptions, MessageFilter, MessageInfo, MessagePage, MessageState, MessageTarget, SearchMessagesOptions, SearchPage } from './admin/message-info.js';
export type { ReencryptResult } from './queue/reencryption.js';
export type { GzipCompressionOptions } from './pipeline/gzip-compression.js';
export type { DecodeFailureReason, PayloadSerializer, PayloadStage, StageContext, StageOutput } from './pipeline/payload-stage.js';
export type { CallOutcome, EnqueueInfo, HandlerRunInfo, Instrumentation, ProviderCallInfo } from './instrumentation/instrumentation.js';
export type { Clock, TimerHandle } from './clock/clock.js';
export { systemClock } from './clock/system-clock.js';
export { ManualClock } from './clock/manual-clock.js';
export { ERROR_CODES } from './errors/error-codes.js';
export type { MqErrorCode } from './errors/error-codes.js';
export { MqError, isMqError } from './errors/mq-error.js';
export type { MqErrorOptions } from './errors/mq-error.js';
export { ValidationError } from './errors/validation-error.js';
export { LeaseLostError } from './errors/lease-lost-error.js';
export { UnrecoverableError } from './errors/unrecoverable-error.js';
export { ProviderUnavailableError } from './errors/provider-unavailable-error.js';
export type { GroupBacklog } from './provider/queue-provider.js';
