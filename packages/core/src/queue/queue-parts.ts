import type { EventEmitter } from 'eventemitter3';
import type { Clock } from '../clock/clock.js';
import { systemClock } from '../clock/system-clock.js';
import { ValidationError } from '../errors/validation-error.js';
import { InstrumentationRegistry } from '../instrumentation/instrumentation-registry.js';
import { generateMessageId } from '../message/generate-message-id.js';
import { MessageSerializer } from '../message/message-serializer.js';
import { QueueNameCheck, validatePositiveInteger } from '../message/validate.js';
import { resolvePipeline } from '../pipeline/payload-pipeline.js';
import { createRetryPolicy } from '../retry/retry-policy.js';
import { ActivityFeed } from './activity-feed.js';
import { AppQueues } from './app-queues.js';
import { DeadLetterStore } from './dead-letter-store.js';
import { Deliveries } from './deliveries.js';
import { toError } from './error-info.js';
import { IdempotencyWindows } from './idempotency-windows.js';
import { MessageProducer } from './message-producer.js';
import type { MessageQueueOptions } from './message-queue-options.js';
import { ProviderGateway } from './provider-gateway.js';
import { ProviderSession } from './provider-session.js';
import type { QueueEventMap } from './queue-events.js';
import { QueueMonitor } from './queue-monitor.js';
import { Reencryption } from './reencryption.js';
import { AES_GCM_STAGE_NAME, type EncryptionStage } from '../pipeline/aes-gcm-encryption.js';
import { Router } from '../routing/router.js';
import { Admin } from '../admin/admin.js';

/** What a MessageQueue is made of, each part a file of its own; the queue itself checks arguments and delegates. */
export interface QueueParts {
  readonly providerName: string;
  readonly clock: Clock;
  readonly leaseMs: number;
  readonly closeTimeoutMs: number;
  readonly generateId: () => string;
  readonly session: ProviderSession;
  readonly gateway: ProviderGateway;
  readonly instrumentation: InstrumentationRegistry;
  readonly names: QueueNameCheck;
  readonly queues: AppQueues;
  readonly windows: IdempotencyWindows;
  readonly deadLetterStore: DeadLetterStore;
  readonly activity: ActivityFeed;
  readonly deliveries: Deliveries;
  readonly producer: MessageProducer;
  readonly monitor: QueueMonitor;
  readonly reencryption: Reencryption;
  readonly router: Router;
  readonly admin: Admin;
}

/** Checks a MessageQueue's options and builds its parts; `events` is the queue (it emits their events). */
export function assembleQueue(options: MessageQueueOptions, events: EventEmitter<QueueEventMap>): QueueParts {
  if (typeof options !== 'object' || options === null || typeof options.provider !== 'object' || options.provider === null) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'A MessageQueue needs options.provider: a provider instance such as createInMemoryProvider().', {
      field: 'provider',
    });
  }
  const providerName = options.provider.name;
  const clock = options.clock ?? systemClock;
  const leaseMs = options.visibilityTimeoutMs === undefined ? 30_000 : validatePositiveInteger(options.visibilityTimeoutMs, 'visibilityTimeoutMs');
  const closeTimeoutMs = options.closeTimeoutMs === undefined ? 10_000 : validatePositiveInteger(options.closeTimeoutMs, 'closeTimeoutMs');
  const enqueueTimeoutMs = options.enqueueTimeoutMs === undefined || options.enqueueTimeoutMs === 0 ? (options.enqueueTimeoutMs ?? 10_000) : validatePositiveInteger(options.enqueueTimeoutMs, 'enqueueTimeoutMs');
  const pipeline = resolvePipeline(options.pipeline, options.codec, options.readCodecs, options);
  const serializer = new MessageSerializer(pipeline);
  const instrumentation = new InstrumentationRegistry((error) => events.emit('error', toError(error)));
  registerInstrumentation(instrumentation, options.instrumentation);
  const session = new ProviderSession(options.provider, providerName, clock);
  const gateway = new ProviderGateway(session, instrumentation, clock);
  const names = new QueueNameCheck();
  const windows = new IdempotencyWindows(enqueueTimeoutMs, options.idempotencyWindowMs, options.queueIdempotencyWindowMs);
  // A queue's first use tells the provider its idempotency window (connect() tells it the declared ones).
  const queues = new AppQueues(options.queues, (name) => windows.apply(session.current, [name]));
  const activity = new ActivityFeed(events, serializer, clock, options.publishEvents === true, gateway);
  return {
    providerName,
    clock,
    leaseMs,
    closeTimeoutMs,
    generateId: options.generateId ?? generateMessageId,
    session,
    gateway,
    instrumentation,
    names,
    queues,
    windows,
    deadLetterStore: new DeadLetterStore(gateway, serializer),
    activity,
    deliveries: new Deliveries({ events, serializer, clock, retryPolicy: createRetryPolicy(options.retry), activity, gateway }),
    producer: new MessageProducer({ gateway, serializer, queues, events, instrumentation, names, clock, enqueueTimeoutMs }),
    monitor: new QueueMonitor({ providerName, clock, queues, gateway }),
    reencryption: new Reencryption(gateway, serializer, pipeline.stagesByName.get(AES_GCM_STAGE_NAME) as EncryptionStage | undefined),
    router: new Router({ gateway, serializer, queues, events }),
    admin: new Admin(gateway, serializer),
  };
}

function registerInstrumentation(registry: InstrumentationRegistry, given: unknown): void {
  if (given === undefined) return;
  if (!Array.isArray(given)) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'options.instrumentation must be an array of instrumentations (objects with onProviderCall, onEnqueue or aroundHandler).', {
      field: 'instrumentation',
    });
  }
  given.forEach((instrumentation: unknown, index) => registry.add(instrumentation, 'MQ_INVALID_CONFIG', `instrumentation[${index}]`));
}
