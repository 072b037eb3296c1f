import { EventEmitter } from 'eventemitter3';
import type { Clock } from '../clock/clock.js';
import { systemClock } from '../clock/system-clock.js';
import { jsonCodec } from '../codec/json-codec.js';
import { ValidationError } from '../errors/validation-error.js';
import { createMessage } from '../message/create-message.js';
import { generateMessageId } from '../message/generate-message-id.js';
import { MessageSerializer } from '../message/message-serializer.js';
import type { CreateMessageOptions, DeadLetter, QueueMessage, ReceivedMessage } from '../message/queue-message.js';
import { validatePositiveInteger, validateQueueName } from '../message/validate.js';
import { createRetryPolicy } from '../retry/retry-policy.js';
import { AppQueues } from './app-queues.js';
import { DeadLetterStore, type DeadLetterListOptions, type ReplayResult } from './dead-letter-store.js';
import type { ActivityListener } from './activity-event.js';
import { ActivityFeed } from './activity-feed.js';
import { Deliveries, type NackResult } from './deliveries.js';
import { MessageProducer } from './message-producer.js';
import type { HealthReport, ListQueuesOptions, MessageQueueOptions } from './message-queue-options.js';
import type { QueueEventMap } from './queue-events.js';
import { ProviderSession } from './provider-session.js';
import { QueueMonitor } from './queue-monitor.js';
import type { QueueStats, SingleQueueStats } from './queue-stats.js';
import { resolveSubscribeOptions, type MessageHandler, type SubscribeOptions, type SubscriptionEngine } from './subscribe-options.js';
import { Subscription } from './subscription.js';
import { declareQueue, type QueueDeclaration } from '../capabilities/declare-queue.js';
import { refuseGroupConcurrency } from '../capabilities/refuse-unsupported-seams.js';
import { bindRoute, publishRouted, type PublishOptions, type QueueBinding } from '../capabilities/routing-seam.js';

/** Payload types by queue name. The default accepts any queue name with any payload. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PayloadMap = Record<string, any>;
export type QueueKey<M extends PayloadMap> = Extract<keyof M, string>;

/** A message queue on one provider: the public API of @mq. Create it with createMessageQueue(). */
export class MessageQueue<M extends PayloadMap = PayloadMap> extends EventEmitter<QueueEventMap<M[QueueKey<M>]>> {
  readonly providerName: string;
  private readonly session: ProviderSession;
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly closeTimeoutMs: number;
  private readonly serializer: MessageSerializer;
  private readonly generateId: () => string;
  private readonly subscriptions = new Set<Subscription>();
  private readonly deadLetterStore: DeadLetterStore;
  private readonly activity: ActivityFeed;
  private readonly deliveries: Deliveries;
  private readonly queues: AppQueues;
  private readonly monitor: QueueMonitor;
  private readonly producer: MessageProducer;

  constructor(options: MessageQueueOptions) {
    super();
    if (typeof options !== 'object' || options === null || typeof options.provider !== 'object' || options.provider === null) {
      throw new ValidationError('MQ_INVALID_CONFIG', 'A MessageQueue needs options.provider: a provider instance such as createInMemoryProvider().', {
        field: 'provider',
      });
    }
    this.providerName = options.provider.name;
    const session = (this.session = new ProviderSession(options.provider, this.providerName, options.clock)); // caps: the clock for capability adapters
    this.clock = options.clock ?? systemClock;
    this.leaseMs = options.visibilityTimeoutMs === undefined ? 30_000 : validatePositiveInteger(options.visibilityTimeoutMs, 'visibilityTimeoutMs');
    this.closeTimeoutMs = options.closeTimeoutMs === undefined ? 10_000 : validatePositiveInteger(options.closeTimeoutMs, 'closeTimeoutMs');
    this.serializer = new MessageSerializer(options.codec ?? jsonCodec, options.readCodecs);
    this.generateId = options.generateId ?? generateMessageId;
    this.queues = new AppQueues(options.queues);
    this.deadLetterStore = new DeadLetterStore((op, fn) => session.call(op, fn), this.serializer);
    this.activity = new ActivityFeed(this.events, this.serializer, this.clock, options.publishEvents === true);
    this.deliveries = new Deliveries({
      events: this.events,
      serializer: this.serializer,
      clock: this.clock,
      retryPolicy: createRetryPolicy(options.retry),
      activity: this.activity,
      call: (operation, fn) => session.call(operation, fn, true),
      provider: () => session.current,
    });
    this.producer = new MessageProducer({ session, serializer: this.serializer, queues: this.queues, events: this.events });
    this.monitor = new QueueMonitor({
      providerName: this.providerName,
      clock: this.clock,
      queues: this.queues,
      call: (operation, fn) => session.call(operation, fn),
      requireOpen: (operation) => void session.requireOpen(operation),
      openProvider: () => session.open,
      approximateCounts: () => session.capabilities.counts === 'approximate', // caps: stats say when counts are approximate
    });
  }

  /** This queue as an emitter of untyped payloads, for the parts that emit on its behalf. */
  private get events(): EventEmitter<QueueEventMap> {
    return this as unknown as EventEmitter<QueueEventMap>;
  }

  /** Opens the provider. Safe to call twice; fails with MQ_CLOSED after disconnect(). */
  connect(): Promise<void> {
    return this.session.connect();
  }

  /** Stops subscriptions (waiting for handlers in flight, bounded) and closes the provider. Idempotent. */
  disconnect(): Promise<void> {
    return this.session.disconnect(async () => {
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      await this.deliveries.drain();
    });
  }

  /** Builds a validated message (nothing is enqueued). Works before connect(). */
  createMessage<T>(type: string, payload: T, options?: CreateMessageOptions): QueueMessage<T> {
    return createMessage(type, payload, options, this.clock.now(), this.generateId);
  }

  /** Stores a message; resolves with its id once stored. */
  enqueue<Q extends QueueKey<M>>(queueName: Q, message: QueueMessage<M[Q]>): Promise<string> {
    return this.producer.enqueue(queueName, message);
  }

  /** Stores all messages or none; resolves with their ids in order. */
  enqueueMany<Q extends QueueKey<M>>(queueName: Q, messages: readonly QueueMessage<M[Q]>[]): Promise<string[]> {
    return this.producer.enqueueMany(queueName, messages);
  }

  /** Takes the next ready message under a lease, or null when none is ready. */
  async dequeue<Q extends QueueKey<M>>(queueName: Q, options: { visibilityTimeoutMs?: number } = {}): Promise<ReceivedMessage<M[Q]> | null> {
    validateQueueName(queueName);
    const leaseMs = options.visibilityTimeoutMs === undefined ? this.leaseMs : validatePositiveInteger(options.visibilityTimeoutMs, 'visibilityTimeoutMs');
    this.queues.use(queueName);
    for (;;) {
      const { messages, skipped, settled } = await this.deliveries.take(queueName, 1, leaseMs, 'dequeue');
      if (messages.length > 0) return messages[0] as ReceivedMessage<M[Q]>;
      if (skipped === 0) return null;
      // A record that could not be dead-lettered was given back: say so instead of taking it again.
      const failure = await settled;
      if (failure !== undefined) throw failure;
    }
  }

  /** Completes a taken message. Throws MQ_LEASE_LOST (changing nothing) if its lease is gone. */
  ack(message: ReceivedMessage): Promise<void> {
    // Not async: returning the promise of deliveries.ack() as it is saves a promise and two ticks per message.
    try {
      this.session.requireOpen('ack', true);
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
    this.session.requireOpen('nack', true);
    return this.deliveries.nack(message, error);
  }

  /** Runs `handler` for each message of the queue, up to `concurrency` at once. */
  subscribe<Q extends QueueKey<M>>(queueName: Q, handler: MessageHandler<M[Q]>, options: SubscribeOptions = {}): Subscription {
    validateQueueName(queueName);
    if (typeof handler !== 'function') throw new ValidationError('MQ_INVALID_ARGUMENT', 'subscribe() needs a handler function.', { field: 'handler' });
    this.session.requireOpen('subscribe');
    const resolved = resolveSubscribeOptions(options, { leaseMs: this.leaseMs, closeTimeoutMs: this.closeTimeoutMs });
    refuseGroupConcurrency(this.session, resolved.groupConcurrency); // caps: seam, MQ_UNSUPPORTED without capabilities.groups
    const subscription = new Subscription(this.engine(), queueName, handler as MessageHandler, resolved, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    this.queues.use(queueName);
    return subscription;
  }

  /** Messages waiting in the queue (ready + delayed), excluding those in flight and dead letters. */
  async size(queueName: string): Promise<number> {
    validateQueueName(queueName);
    const counts = await this.session.call('size', (p) => p.doCount(queueName));
    return counts.ready + counts.delayed;
  }

  /**
   * The queues this app owns, sorted: those in options.queues and those this instance enqueued
   * to, dequeued from or subscribed to. With allQueues, every queue the provider lists as well.
   */
  listQueues(options?: ListQueuesOptions): Promise<string[]> {
    return this.monitor.listQueues(options);
  }

  /** The spec's stats over listQueues() (or, with allQueues, every queue of the provider), or for one queue. */
  async getStats(options?: ListQueuesOptions): Promise<QueueStats>;
  async getStats(queueName: string): Promise<SingleQueueStats>;
  async getStats(scope?: string | ListQueuesOptions): Promise<QueueStats | SingleQueueStats> {
    return this.monitor.stats(scope);
  }

  /** Removes every waiting and in-flight message of the queue (dead letters stay); returns how many. */
  async purge(queueName: string): Promise<number> {
    validateQueueName(queueName);
    return this.session.call('purge', (p) => p.doPurge(queueName));
  }

  /**
   * Deletes the queue entirely: its messages (waiting and in flight), dead letters and counters.
   * It is then listed nowhere (not even if declared in options.queues) until it is used again;
   * a running subscription of this instance to it keeps using it (and keeps it listed).
   */
  async deleteQueue(queueName: string): Promise<void> {
    validateQueueName(queueName);
    await this.session.call('deleteQueue', (p) => p.doDeleteQueue(queueName));
    this.queues.forget(queueName);
    for (const subscription of this.subscriptions) if (subscription.queueName === queueName && !subscription.closed) this.queues.use(queueName);
  }

  /** Stores a queue's settings (seam: partitions > 1 need capabilities.partitions, else MQ_UNSUPPORTED). */
  declareQueue(queueName: string, settings?: QueueDeclaration): Promise<void> { return declareQueue(this.session, queueName, settings); }

  /** Seam (routing): sends messages published to topics matching `pattern` to a queue. MQ_UNSUPPORTED on every provider today. */
  bind(binding: QueueBinding): Promise<void> { return bindRoute(this.session, binding); }

  /** Seam (routing): stores the message in every bound queue; resolves with their names. MQ_UNSUPPORTED on every provider today. */
  publish(topic: string, message: QueueMessage<M[QueueKey<M>]>, options?: PublishOptions): Promise<string[]> { return publishRouted(this.session, topic, message, options); }

  /** `{ healthy, provider, timestamp }` as the spec's health endpoint shows it, plus `persistence` when the provider describes it. Never throws. */
  health(): Promise<HealthReport> {
    return this.monitor.health();
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
    const provider = this.session.requireOpen('subscribeEvents');
    return this.activity.subscribe(provider, listener);
  }

  private engine(): SubscriptionEngine {
    return {
      clock: this.clock,
      blockingTake: this.session.capabilities.blockingTake, // caps: the provider waits inside doTake (capabilities.blockingTake)
      take: async (queueName, max, leaseMs, waitMs) => {
        const { messages, skipped, settled } = await this.deliveries.take(queueName, max, leaseMs, 'subscribe', waitMs);
        if (skipped > 0) void settled.then((failure) => failure !== undefined && this.emit('error', failure));
        return messages;
      },
      runHandler: async (handler, message, context) => {
        await handler(message, context);
      },
      ack: (message) => this.deliveries.ack(message),
      nack: (message, error) => this.deliveries.nack(message, error),
      release: (message) => this.deliveries.release(message),
      waitForWork: (queueName, signal) => this.session.call('subscribe', (p) => p.doWaitForWork(queueName, signal), true),
      reportError: (error) => this.emit('error', error),
    };
  }
}
