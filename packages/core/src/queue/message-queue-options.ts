import type { Clock } from '../clock/clock.js';
import type { PayloadCodec } from '../codec/payload-codec.js';
import type { Instrumentation } from '../instrumentation/instrumentation.js';
import type { PayloadPipeline } from '../pipeline/payload-pipeline.js';
import type { PayloadStage } from '../pipeline/payload-stage.js';
import type { QueueProvider } from '../provider/queue-provider.js';
import type { RetryOptions } from '../retry/retry-policy.js';

export interface MessageQueueOptions {
  /** The provider instance, or a loader that imports it at connect() (used by createMessageQueue). */
  provider: QueueProvider | { readonly name: string; load(): Promise<QueueProvider> };
  clock?: Clock;
  /**
   * The queues this app declares (checked at construction). listQueues() and getStats() cover
   * these and every queue this instance used, not other apps' queues in the same store.
   */
  queues?: readonly string[];
  /** Lease of a taken message; default 30000 ms. */
  visibilityTimeoutMs?: number;
  retry?: RetryOptions;
  /** Encodes payloads for storage; default JSON. The serializer of the pipeline (do not set both). */
  codec?: PayloadCodec;
  /** More codecs to read older messages with (e.g. after a key rotation); also with a pipeline. */
  readCodecs?: PayloadCodec[];
  /**
   * How payloads are stored: a serializer and byte stages such as compression and encryption
   * (createPayloadPipeline()). Default: JSON, no stage (today's text format).
   */
  pipeline?: PayloadPipeline;
  /**
   * Encrypts every stored message: aesGcmEncryption({ keys, activeKeyId }) (docs/encryption.md).
   * createMessageQueue() reads MQ_ENCRYPTION_KEYS when this is left out. Not with `pipeline`.
   */
  encryption?: PayloadStage;
  /**
   * Compresses stored messages above a size, before encryption: gzipCompression({ minBytes }).
   * createMessageQueue() reads MQ_COMPRESSION when this is left out. Not with `pipeline`.
   */
  compression?: PayloadStage;
  /** Hooks around provider calls, enqueues and handler runs (metrics, tracing); more with queue.instrument(). */
  instrumentation?: readonly Instrumentation[];
  /** Id of messages without an explicit id; default a random per-process prefix and a counter. */
  generateId?: () => string;
  /**
   * How long enqueue() and enqueueMany() retry a transient failure (MQ_PROVIDER_UNAVAILABLE: the
   * store unreachable or timing out) with backoff before they fail, saying the outcome is unknown
   * and that a retry with the same ids is safe. Default 10000 ms; 0 = fail at the first error.
   */
  enqueueTimeoutMs?: number;
  /**
   * How long an id is remembered after its message leaves a queue (ack, purge, purge of dead
   * letters): enqueuing it again within that time is a no-op resolving with the id and emitting
   * `deduplicated` with mode 'id' (docs/deduplication.md). Default twice enqueueTimeoutMs (20000
   * ms); 0 = off; at most 86400000 (24 h). Needs a provider with doSetIdempotencyWindow (memory, Redis).
   */
  idempotencyWindowMs?: number;
  /** The idempotency window of single queues, overriding idempotencyWindowMs: queue name → ms. */
  queueIdempotencyWindowMs?: Readonly<Record<string, number>>;
  /** How long disconnect() waits for subscription handlers in flight; default 10000 ms. */
  closeTimeoutMs?: number;
  /**
   * Publish completed/deadLetter to every instance through the provider (needs
   * capabilities.crossInstanceEvents, e.g. Redis). Default false: one extra publish per message.
   */
  publishEvents?: boolean;
}

/** Which queues listQueues() and getStats() cover. */
export interface ListQueuesOptions {
  /** Every queue the provider lists (on Redis: all under the key prefix, other apps' too), not only this app's. Default false. */
  allQueues?: boolean;
}

export interface HealthReport {
  healthy: boolean;
  provider: string;
  timestamp: string;
  /** The store's persistence settings as the provider describes them (e.g. Redis appendonly, appendfsync), when it can tell. */
  persistence?: Record<string, string>;
}
