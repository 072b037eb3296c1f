import { EventEmitter } from 'eventemitter3';
import { ValidationError } from '../errors/validation-error.js';
import type { Instrumentation } from '../instrumentation/instrumentation.js';
import { createMessage } from '../message/create-message.js';
import type { CreateMessageOptions, DeadLetter, QueueMessage, ReceivedMessage } from '../message/queue-message.js';
import { validatePositiveInteger } from '../message/validate.js';
import type { DeadLetterListOptions, ReplayResult } from './dead-letter-store.js';
import type { ActivityListener } from './activity-event.js';
import type { NackResult } from './deliveries.js';
import type { HealthReport, ListQueuesOptions, MessageQueueOptions } from './message-queue-options.js';
import type { QueueEventMap } from './queue-events.js';
import { subscriptionEngine } from './queue-engine.js';
import { assembleQueue, type QueueParts } from './queue-parts.js';
import type { ReencryptResult } from './reencryption.js';
import type { QueueStats, QueueStatsOptions, SingleQueueStats } from './queue-stats.js';
import { resolveSubscribeOptions, type MessageHandler, type SubscribeOptions } from './subscribe-options.js';
// Subscription is the public type, QueueSubscription the internal class behind it.
import { QueueSubscription, type Subscription } from './subscription.js';
import { declareQueue, type QueueDeclaration } from '../capabilities/declare-queue.js';
import { refuseGroupConcurrency } from '../capabilities/refuse-unsupported-seams.js';
import type { PublishOptions, PublishResult } from '../routing/publish-options.js';
import type { QueueBinding } from '../routing/queue-binding.js';
import type { ActionOptions as AO, ActionReport, ListMessagesOptions, MessageInfo, MessagePage, MessageTarget as MT, SearchMessagesOptions, SearchPage } from '../admin/message-info.js';

/** Payload types by queue name. The default accepts any queue name with any payload. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PayloadMap = Record<string, any>;
export type QueueKey<M extends PayloadMap> = Extract<keyof M, string>;

/** A message queue on one provider: the public API of @mq. Create it with createMessageQueue(). */
export class MessageQueue<M extends PayloadMap = PayloadMap> extends EventEmitter<QueueEventMap<M[QueueKey<M>]>> {
  readonly providerName: string;
  private readonly parts: QueueParts;
  private readonly subscriptions = new Set<Subscription>();

  constructor(options: MessageQueueOptions) {
    super();
    this.parts = assembleQueue(options, this.events);
    this.providerName = this.parts.providerName;
  }

  /** This queue as an emitter of untyped payloads, for the parts that emit on its behalf. */
  private get events(): EventEmitter<QueueEventMap> {
    return this as unknown as EventEmitter<QueueEventMap>;
  }

  /** Opens the provider. Safe to call twice; fails with MQ_CLOSED after disconnect(). */
  async connect(): Promise<void> {
    await this.parts.session.connect();
    this.parts.windows.apply(this.parts.session.current, this.parts.queues.list());
  }

  /** Stops subscriptions (waiting for handlers in flight, bounded) and closes the provider. Idempotent. */
  disconnect(): Promise<void> {
    return this.parts.session.disconnect(async () => {
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      await this.parts.deliveries.drain();
    });
  }

  /** Builds a validated message (nothing is enqueued). Works before connect(). */
  createMessage<T>(type: string, payload: T, options?: CreateMessageOptions): QueueMessage<T> {
    return createMessage(type, payload, options, this.parts.clock.now(), this.parts.generateId);
  }

  /** Stores a message; resolves with its id once stored. */
  enqueue<Q extends QueueKey<M>>(queueName: Q, message: QueueMessage<M[Q]>): Promise<string> {
    return this.parts.producer.enqueue(queueName, message);
  }

  /** Stores all messages or none; resolves with their ids in order. */
  enqueueMany<Q extends QueueKey<M>>(queueName: Q, messages: readonly QueueMessage<M[Q]>[]): Promise<string[]> {
    return this.parts.producer.enqueueMany(queueName, messages);
  }

  /** Takes the next ready message under a lease, or null when none is ready. */
  async dequeue<Q extends QueueKey<M>>(queueName: Q, options: { visibilityTimeoutMs?: number } = {}): Promise<ReceivedMessage<M[Q]> | null> {
    const { names, leaseMs: defaultLeaseMs, queues, deliveries } = this.parts;
    names.check(queueName);
    const leaseMs = options.visibilityTimeoutMs === undefined ? defaultLeaseMs : validatePositiveInteger(options.visibilityTimeoutMs, 'visibilityTimeoutMs');
    queues.use(queueName);
    for (;;) {
      const { messages, skipped, settled } = await deliveries.take(queueName, 1, leaseMs, 'dequeue');
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
      this.parts.session.requireOpen('ack', true);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.parts.deliveries.ack(message);
  }

  /**
   * Fails an attempt: schedules a retry with backoff, or dead-letters the message when its retries
   * are used up or `error` is an UnrecoverableError. Throws MQ_LEASE_LOST if its lease is gone.
   */
  async nack(message: ReceivedMessage, error?: unknown): Promise<NackResult> {
    this.parts.session.requireOpen('nack', true);
    return this.parts.deliveries.nack(message, error);
  }

  /** Runs `handler` for each message of the queue, up to `concurrency` at once. */
  subscribe<Q extends QueueKey<M>>(queueName: Q, handler: MessageHandler<M[Q]>, options: SubscribeOptions = {}): Subscription {
    const { names, session, leaseMs, closeTimeoutMs, queues } = this.parts;
    names.check(queueName);
    if (typeof handler !== 'function') throw new ValidationError('MQ_INVALID_ARGUMENT', 'subscribe() needs a handler function.', { field: 'handler' });
    session.requireOpen('subscribe');
    const resolved = resolveSubscribeOptions(options, { leaseMs, closeTimeoutMs });
    // Seam: MQ_UNSUPPORTED without capabilities.groups.
    refuseGroupConcurrency(session, resolved.groupConcurrency);
    const engine = subscriptionEngine(this.parts, this.events);
    const subscription = new QueueSubscription(engine, queueName, handler as MessageHandler, resolved, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    queues.use(queueName);
    return subscription;
  }

  /** Messages waiting in the queue (ready + delayed), excluding those in flight and dead letters. */
  async size(queueName: string): Promise<number> {
    this.parts.names.check(queueName);
    const counts = await this.parts.gateway.count(queueName, 'size');
    return counts.ready + counts.delayed;
  }

  /**
   * The queues this app owns, sorted: those in options.queues and those this instance enqueued
   * to, dequeued from or subscribed to. With allQueues, every queue the provider lists as well.
   */
  listQueues(options?: ListQueuesOptions): Promise<string[]> {
    return this.parts.monitor.listQueues(options);
  }

  /**
   * The spec's stats over listQueues() (or, with allQueues, every queue of the provider), or for one
   * queue; for one queue with `topGroups` on a provider with capabilities.groups, also its largest
   * groups by backlog (`groups`); with `partitions: true`, each partition's counts (`partitions`).
   */
  async getStats(options?: ListQueuesOptions): Promise<QueueStats>;
  async getStats(queueName: string, options?: QueueStatsOptions): Promise<SingleQueueStats>;
  async getStats(scope?: string | ListQueuesOptions, options?: QueueStatsOptions): Promise<QueueStats | SingleQueueStats> {
    const stats = await this.parts.monitor.stats(scope, options);
    // Publishes of this instance that no binding took (routing): shown once there is one.
    if (typeof scope !== 'string' && this.parts.router.unroutable > 0) stats.unroutableMessages = this.parts.router.unroutable;
    return stats;
  }

  /** Removes every waiting and in-flight message of the queue (dead letters stay); returns how many. */
  async purge(queueName: string): Promise<number> {
    this.parts.names.check(queueName);
    return this.parts.gateway.purge(queueName);
  }

  /**
   * Deletes the queue entirely: its messages (waiting and in flight), dead letters and counters.
   * It is then listed nowhere (not even if declared in options.queues) until it is used again;
   * a running subscription of this instance to it keeps using it (and keeps it listed).
   */
  async deleteQueue(queueName: string): Promise<void> {
    this.parts.names.check(queueName);
    await this.parts.gateway.deleteQueue(queueName);
    this.parts.queues.forget(queueName);
    for (const subscription of this.subscriptions) if (subscription.queueName === queueName && !subscription.closed) this.parts.queues.use(queueName);
  }

  /** Stores a queue's settings (seam: partitions > 1 need capabilities.partitions, else MQ_UNSUPPORTED). */
  declareQueue(queueName: string, settings?: QueueDeclaration): Promise<void> { return declareQueue(this.parts.session, (q, s) => this.parts.gateway.declareQueue(q, s), queueName, settings); }

  /** Routes messages published to topics matching `pattern` (and passing `where`) to a queue; stored in the provider (docs/routing.md). */
  bind<Q extends QueueKey<M>>(binding: QueueBinding<Q>): Promise<void> { return this.parts.router.bind(binding); }

  /** Removes the binding with that pattern, queue and filter; resolves false when there was none. */
  unbind<Q extends QueueKey<M>>(binding: QueueBinding<Q>): Promise<boolean> { return this.parts.router.unbind(binding); }

  /** Every stored binding, of every instance sharing the store. */
  listBindings(): Promise<QueueBinding<QueueKey<M>>[]> { return this.parts.router.listBindings() as Promise<QueueBinding<QueueKey<M>>[]>; }

  /** Stores a copy of the message in every queue whose bindings match the topic (each copy a message of its own); MQ_UNROUTABLE when none does and `mandatory`. */
  publish<Q extends QueueKey<M> = QueueKey<M>>(topic: string, message: QueueMessage<M[Q]>, options?: PublishOptions): Promise<PublishResult<Q>> {
    return this.parts.router.publish(topic, message, options) as Promise<PublishResult<Q>>;
  }

  /** `{ healthy, provider, timestamp }` as the spec's health endpoint shows it, plus `persistence` when the provider describes it. Never throws. */
  health(): Promise<HealthReport> {
    return this.parts.monitor.health();
  }

  /**
   * Rewrites every waiting, delayed and dead message of the queue that is not under the active
   * encryption key (docs/encryption.md, "Rotating keys"); safe while consumers run: messages in
   * flight are left to their lease holders. MQ_UNSUPPORTED without capabilities.scanRecords.
   */
  reencrypt(queueName: string): Promise<ReencryptResult> {
    return this.parts.reencryption.run(queueName);
  }

  /** The queue's dead letters, oldest first. */
  deadLetters(queueName: string, options?: DeadLetterListOptions): Promise<DeadLetter[]> {
    return this.parts.deadLetterStore.list(queueName, options);
  }

  /** Puts dead letters (all, or those ids) back in the queue with attempts reset. */
  replayDeadLetters(queueName: string, ids?: readonly string[]): Promise<ReplayResult> {
    return this.parts.deadLetterStore.replay(queueName, ids);
  }

  /** Deletes dead letters (all, or those ids); returns how many. */
  purgeDeadLetters(queueName: string, ids?: readonly string[]): Promise<number> {
    return this.parts.deadLetterStore.purge(queueName, ids);
  }

  // The admin API (docs/observability.md, "Admin API"; admin/admin.ts): MQ_UNSUPPORTED without capabilities.admin.
  listMessages(queueName: string, options: ListMessagesOptions): Promise<MessagePage> { return this.parts.admin.list(queueName, options); }
  getMessage(queueName: string, id: string): Promise<MessageInfo | null> { return this.parts.admin.get(queueName, id); }
  searchMessages(queueName: string, options?: SearchMessagesOptions): Promise<SearchPage> { return this.parts.admin.search(queueName, options); }
  replayMessages(queueName: string, target: MT, options?: AO): Promise<ActionReport> { return this.parts.admin.act('replay', queueName, target, options); }
  deleteMessages(queueName: string, target: MT, options?: AO): Promise<ActionReport> { return this.parts.admin.act('delete', queueName, target, options); }
  promoteMessages(queueName: string, target: MT, options?: AO): Promise<ActionReport> { return this.parts.admin.act('promote', queueName, target, options); }
  changePriority(queueName: string, target: MT, priority: number, options?: AO): Promise<ActionReport> { return this.parts.admin.act('priority', queueName, target, options, priority); }
  pauseQueue(queueName: string): Promise<void> { return this.parts.admin.setPaused(queueName, true); }
  resumeQueue(queueName: string): Promise<void> { return this.parts.admin.setPaused(queueName, false); }
  isPaused(queueName: string): Promise<boolean> { return this.parts.admin.isPaused(queueName); }
  /**
   * Receives every completed and dead-lettered message: of all instances when the provider carries
   * events between them (and producers set publishEvents), else of this instance. Resolves with a
   * function that stops it.
   */
  subscribeEvents(listener: ActivityListener): Promise<() => Promise<void>> {
    return this.parts.activity.subscribe(listener);
  }

  /**
   * Registers hooks around this queue's provider calls, enqueues and handler runs (metrics,
   * tracing); several may be registered. Returns a function that unregisters them.
   */
  instrument(instrumentation: Instrumentation): () => void {
    return this.parts.instrumentation.add(instrumentation);
  }
}
