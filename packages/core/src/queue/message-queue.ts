import { EventEmitter } from 'eventemitter3';
import type { Clock } from '../clock/clock.js';
import { systemClock } from '../clock/system-clock.js';
import { jsonCodec } from '../codec/json-codec.js';
import type { PayloadCodec } from '../codec/payload-codec.js';
import { MqError } from '../errors/mq-error.js';
import { notOpenError } from '../errors/queue-state-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { createMessage, validateMessage } from '../message/create-message.js';
import { generateMessageId } from '../message/generate-message-id.js';
import { MessageSerializer } from '../message/message-serializer.js';
import type { CreateMessageOptions, DeadLetter, QueueMessage, ReceivedMessage } from '../message/queue-message.js';
import { validatePositiveInteger, validateQueueName } from '../message/validate.js';
import type { EnqueueResult, QueueProvider } from '../provider/queue-provider.js';
import { createRetryPolicy, type RetryOptions } from '../retry/retry-policy.js';
import { DeadLetterStore, type DeadLetterListOptions, type ReplayResult } from './dead-letter-store.js';
import type { ActivityListener } from './activity-event.js';
import { ActivityFeed } from './activity-feed.js';
import { Deliveries, type NackResult } from './deliveries.js';
import type { QueueEventMap } from './queue-events.js';
import { sumCounts, toQueueStats, type QueueStats, type SingleQueueStats } from './queue-stats.js';
import { resolveSubscribeOptions, Subscription, type MessageHandler, type SubscribeOptions, type SubscriptionEngine } from './subscription.js';

/** Payload types by queue name. The default accepts any queue name with any payload. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PayloadMap = Record<string, any>;
export type QueueKey<M extends PayloadMap> = Extract<keyof M, string>;

export interface MessageQueueOptions {
  /** The provider instance, or a loader that imports it at connect() (used by createMessageQueue). */
  provider: QueueProvider | { readonly name: string; load(): Promise<QueueProvider> };
  clock?: Clock;
  /** Lease of a taken message; default 30000 ms. */
  visibilityTimeoutMs?: number;
  retry?: RetryOptions;
  /** Encodes payloads for storage; default JSON. */
  codec?: PayloadCodec;
  /** More codecs to read older messages with (e.g. after a key rotation). */
  readCodecs?: PayloadCodec[];
  /** Id of messages without an explicit id; default a random per-process prefix and a counter. */
  generateId?: () => string;
  /** How long disconnect() waits for subscription handlers in flight; default 10000 ms. */
  closeTimeoutMs?: number;
  /**
   * Publish completed/deadLetter to every instance through the provider (needs
   * capabilities.crossInstanceEvents, e.g. Redis). Default false: one extra publish per message.
   */
  publishEvents?: boolean;
}

export interface HealthReport {
  healthy: boolean;
  provider: string;
  timestamp: string;
}

type State = 'idle' | 'connecting' | 'open' | 'closing' | 'closed';

/** A message queue on one provider: the public API of @mq. Create it with createMessageQueue(). */
export class MessageQueue<M extends PayloadMap = PayloadMap> extends EventEmitter<QueueEventMap<M[QueueKey<M>]>> {
  readonly providerName: string;
  private provider: QueueProvider | undefined;
  private state: State = 'idle';
  private connecting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly closeTimeoutMs: number;
  private readonly serializer: MessageSerializer;
  private readonly generateId: () => string;
  private readonly subscriptions = new Set<Subscription>();
  private readonly deadLetterStore: DeadLetterStore;
  private readonly activity: ActivityFeed;
  private readonly deliveries: Deliveries;

  constructor(private readonly options: MessageQueueOptions) {
    super();
    if (typeof options !== 'object' || options === null || typeof options.provider !== 'object' || options.provider === null) {
      throw new ValidationError('MQ_INVALID_CONFIG', 'A MessageQueue needs options.provider: a provider instance such as createInMemoryProvider().', {
        field: 'provider',
      });
    }
    this.providerName = options.provider.name;
    this.clock = options.clock ?? systemClock;
    this.leaseMs = options.visibilityTimeoutMs === undefined ? 30_000 : validatePositiveInteger(options.visibilityTimeoutMs, 'visibilityTimeoutMs');
    this.closeTimeoutMs = options.closeTimeoutMs === undefined ? 10_000 : validatePositiveInteger(options.closeTimeoutMs, 'closeTimeoutMs');
    this.serializer = new MessageSerializer(options.codec ?? jsonCodec, options.readCodecs);
    this.generateId = options.generateId ?? generateMessageId;
    this.deadLetterStore = new DeadLetterStore((op, fn) => this.call(op, fn), this.serializer);
    this.activity = new ActivityFeed(this.events, this.serializer, this.clock, options.publishEvents === true);
    this.deliveries = new Deliveries({
      events: this.events,
      serializer: this.serializer,
      clock: this.clock,
      retryPolicy: createRetryPolicy(options.retry),
      activity: this.activity,
      call: (operation, fn) => this.call(operation, fn, true),
      provider: () => this.provider,
    });
  }

  /** This queue as an emitter of untyped payloads, for the parts that emit on its behalf. */
  private get events(): EventEmitter<QueueEventMap> {
    return this as unknown as EventEmitter<QueueEventMap>;
  }

  /** Opens the provider. Safe to call twice; fails with MQ_CLOSED after disconnect(). */
  connect(): Promise<void> {
    if (this.state === 'closing' || this.state === 'closed') return Promise.reject(notOpenError(this.state, 'connect'));
    this.connecting ??= this.open();
    return this.connecting;
  }

  private async open(): Promise<void> {
    this.state = 'connecting';
    try {
      const source = this.options.provider;
      const provider = 'load' in source ? await source.load() : source;
      await provider.doConnect();
      this.provider = provider;
      this.state = 'open';
    } catch (error) {
      this.state = 'idle';
      this.connecting = undefined;
      throw error;
    }
  }

  /** Stops subscriptions (waiting for handlers in flight, bounded) and closes the provider. Idempotent. */
  disconnect(): Promise<void> {
    this.closing ??= this.close();
    return this.closing;
  }

  private async close(): Promise<void> {
    if (this.connecting !== undefined) await this.connecting.catch(() => undefined);
    this.state = 'closing';
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    try {
      await this.provider?.doDisconnect();
    } finally {
      this.state = 'closed';
    }
  }

  /** Builds a validated message (nothing is enqueued). Works before connect(). */
  createMessage<T>(type: string, payload: T, options?: CreateMessageOptions): QueueMessage<T> {
    return createMessage(type, payload, options, this.clock.now(), this.generateId);
  }

  /** Stores a message; resolves with its id once stored. */
  async enqueue<Q extends QueueKey<M>>(queueName: Q, message: QueueMessage<M[Q]>): Promise<string> {
    // enqueueMany() for one message, without its arrays: this runs for every message.
    validateQueueName(queueName);
    const checked = validateMessage(message);
    const record = this.serializer.toRecord(checked);
    const provider = this.requireOpen('enqueue');
    let result: EnqueueResult;
    try {
      result = await provider.doEnqueue(queueName, [record]);
    } catch (error) {
      throw this.providerError('enqueue', error);
    }
    if (result.duplicateIds.length > 0) throw duplicateError(queueName, result.duplicateIds);
    if (this.listenerCount('enqueued') > 0) this.events.emit('enqueued', { queueName, message: checked });
    return checked.id;
  }

  /** Stores all messages or none; resolves with their ids in order. */
  async enqueueMany<Q extends QueueKey<M>>(queueName: Q, messages: readonly QueueMessage<M[Q]>[]): Promise<string[]> {
    validateQueueName(queueName);
    if (!Array.isArray(messages)) {
      throw new ValidationError('MQ_INVALID_ARGUMENT', 'enqueueMany takes an array of messages made by createMessage().', { field: 'messages' });
    }
    const checked = messages.map((m) => validateMessage(m));
    if (checked.length > 1 && new Set(checked.map((m) => m.id)).size !== checked.length) {
      throw new ValidationError('MQ_DUPLICATE_MESSAGE_ID', 'enqueueMany got the same message id twice; each message needs its own id.', { field: 'id' });
    }
    if (checked.length === 0) return [];
    const records = checked.map((m) => this.serializer.toRecord(m));
    const result = await this.call('enqueue', (p) => p.doEnqueue(queueName, records));
    if (result.duplicateIds.length > 0) throw duplicateError(queueName, result.duplicateIds);
    if (this.listenerCount('enqueued') > 0) for (const message of checked) this.events.emit('enqueued', { queueName, message });
    return checked.map((m) => m.id);
  }

  /** Takes the next ready message under a lease, or null when none is ready. */
  async dequeue<Q extends QueueKey<M>>(queueName: Q, options: { visibilityTimeoutMs?: number } = {}): Promise<ReceivedMessage<M[Q]> | null> {
    validateQueueName(queueName);
    const leaseMs = options.visibilityTimeoutMs === undefined ? this.leaseMs : validatePositiveInteger(options.visibilityTimeoutMs, 'visibilityTimeoutMs');
    for (;;) {
      const { messages, skipped } = await this.deliveries.take(queueName, 1, leaseMs, 'dequeue');
      if (messages.length > 0) return messages[0] as ReceivedMessage<M[Q]>;
      if (skipped === 0) return null;
    }
  }

  /** Completes a taken message. Throws MQ_LEASE_LOST (changing nothing) if its lease is gone. */
  ack(message: ReceivedMessage): Promise<void> {
    // Not async: returning the promise of deliveries.ack() as it is saves a promise and two ticks per message.
    try {
      this.requireOpen('ack', true);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.deliveries.ack(message);
  }

  /**
   * Fails an attempt: schedules a retry with backoff, or dead-letters the message when its retries
   * are used up or `error` is an UnrecoverableError. Throws MQ_LEASE_LOST if its lease is gone.
   */
  async nack(message: ReceivedMessage, error?: unknown): Promise<NackResult> {
    this.requireOpen('nack', true);
    return this.deliveries.nack(message, error);
  }

  /** Runs `handler` for each message of the queue, up to `concurrency` at once. */
  subscribe<Q extends QueueKey<M>>(queueName: Q, handler: MessageHandler<M[Q]>, options: SubscribeOptions = {}): Subscription {
    validateQueueName(queueName);
    if (typeof handler !== 'function') throw new ValidationError('MQ_INVALID_ARGUMENT', 'subscribe() needs a handler function.', { field: 'handler' });
    this.requireOpen('subscribe');
    const resolved = resolveSubscribeOptions(options, { leaseMs: this.leaseMs, closeTimeoutMs: this.closeTimeoutMs });
    const subscription = new Subscription(this.engine(), queueName, handler as MessageHandler, resolved, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Messages waiting in the queue (ready + delayed), excluding those in flight and dead letters. */
  async size(queueName: string): Promise<number> {
    validateQueueName(queueName);
    const counts = await this.call('size', (p) => p.doCount(queueName));
    return counts.ready + counts.delayed;
  }

  /** The spec's stats over all queues, or for one queue. */
  async getStats(): Promise<QueueStats>;
  async getStats(queueName: string): Promise<SingleQueueStats>;
  async getStats(queueName?: string): Promise<QueueStats | SingleQueueStats> {
    if (queueName !== undefined) validateQueueName(queueName);
    const provider = this.requireOpen('getStats');
    const healthy = await provider.doHealthCheck();
    if (queueName !== undefined) {
      const counts = await this.call('getStats', (p) => p.doCount(queueName));
      return { ...toQueueStats(counts, [queueName], this.providerName, healthy), queueName, readyMessages: counts.ready, delayedMessages: counts.delayed };
    }
    const queues = (await this.call('getStats', (p) => p.doListQueues())).sort();
    const counts = await Promise.all(queues.map((q) => this.call('getStats', (p) => p.doCount(q))));
    return toQueueStats(sumCounts(counts), queues, this.providerName, healthy);
  }

  /** Removes every waiting and in-flight message of the queue (dead letters stay); returns how many. */
  async purge(queueName: string): Promise<number> {
    validateQueueName(queueName);
    return this.call('purge', (p) => p.doPurge(queueName));
  }

  /** `{ healthy, provider, timestamp }` as the spec's health endpoint shows it. Never throws. */
  async health(): Promise<HealthReport> {
    const healthy = this.state === 'open' && this.provider !== undefined ? await this.provider.doHealthCheck().catch(() => false) : false;
    return { healthy, provider: this.providerName, timestamp: new Date(this.clock.now()).toISOString() };
  }

  /** The queue's dead letters, oldest first. */
  deadLetters(queueName: string, options?: DeadLetterListOptions): Promise<DeadLetter[]> {
    return this.deadLetterStore.list(queueName, options);
  }

  /** Puts dead letters (all, or those ids) back in the queue with attempts reset. */
  replayDeadLetters(queueName: string, ids?: readonly string[]): Promise<ReplayResult> {
    return this.deadLetterStore.replay(queueName, ids);
  }

  /** Deletes dead letters (all, or those ids); returns how many. */
  purgeDeadLetters(queueName: string, ids?: readonly string[]): Promise<number> {
    return this.deadLetterStore.purge(queueName, ids);
  }

  /**
   * Receives every completed and dead-lettered message: of all instances when the provider carries
   * events between them (and producers set publishEvents), else of this instance. Resolves with a
   * function that stops it.
   */
  async subscribeEvents(listener: ActivityListener): Promise<() => Promise<void>> {
    const provider = this.requireOpen('subscribeEvents');
    return this.activity.subscribe(provider, listener);
  }

  private engine(): SubscriptionEngine {
    return {
      clock: this.clock,
      take: async (queueName, max, leaseMs) => (await this.deliveries.take(queueName, max, leaseMs, 'subscribe')).messages,
      ack: (message) => this.deliveries.ack(message),
      nack: (message, error) => this.deliveries.nack(message, error),
      release: (message) => this.deliveries.release(message),
      waitForWork: (queueName, signal) => this.call('subscribe', (p) => p.doWaitForWork(queueName, signal), true),
      reportError: (error) => this.emit('error', error),
    };
  }

  private requireOpen(operation: string, allowClosing = false): QueueProvider {
    if (this.provider !== undefined && (this.state === 'open' || (allowClosing && this.state === 'closing'))) return this.provider;
    throw notOpenError(this.state === 'open' ? 'idle' : (this.state as Exclude<State, 'open'>), operation);
  }

  /**
   * Runs a provider call; anything it throws or rejects with that is not an MqError becomes
   * MQ_PROVIDER_ERROR. Not an async function: the happy path returns the provider's own promise
   * (one promise and one tick fewer per call; this runs several times for every message).
   */
  private call<R>(operation: string, fn: (provider: QueueProvider) => Promise<R>, allowClosing = false): Promise<R> {
    let pending: Promise<R>;
    try {
      pending = fn(this.requireOpen(operation, allowClosing));
    } catch (error) {
      return Promise.reject(this.providerError(operation, error));
    }
    return pending.catch((error: unknown) => {
      throw this.providerError(operation, error);
    });
  }

  private providerError(operation: string, error: unknown): unknown {
    if (MqError.isInstance(error)) return error;
    return new MqError('MQ_PROVIDER_ERROR', `The ${this.providerName} provider failed during ${operation}.`, { cause: error, details: { operation } });
  }
}

function duplicateError(queueName: string, ids: readonly string[]): ValidationError {
  return new ValidationError('MQ_DUPLICATE_MESSAGE_ID', `Queue "${queueName}" already holds message id(s) ${ids.join(', ')}; nothing was enqueued.`, {
    field: 'id',
    ids,
  });
}
