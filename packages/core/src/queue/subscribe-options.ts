import type { Clock } from '../clock/clock.js';
import type { ReceivedMessage } from '../message/queue-message.js';
import { validatePositiveInteger } from '../message/validate.js';

/** Handlers running at once when subscribe() is not told: one, so messages are handled in order. */
const DEFAULT_CONCURRENCY = 1;

/**
 * The most handlers one subscription runs at once. It bounds a take's batch and the leases one
 * subscription holds (up to twice this, unsettled); beyond it, run more subscriptions or processes.
 */
const MAX_CONCURRENCY = 10_000;

export interface HandlerContext {
  /** Fires when the handler's timeoutMs passes or the subscription shuts down. */
  readonly signal: AbortSignal;
  readonly queueName: string;
}

export type MessageHandler<T = unknown> = (message: ReceivedMessage<T>, context: HandlerContext) => Promise<void> | void;

export interface SubscribeOptions {
  /** Handlers running at once; default 1. */
  concurrency?: number;
  /** Lease per taken message; default the queue's visibilityTimeoutMs. */
  visibilityTimeoutMs?: number;
  /** Per-message handler timeout; default the lease. On timeout the signal fires and the attempt fails. */
  timeoutMs?: number;
  /** How long close() waits for handlers in flight before it aborts them; default 10000. */
  closeTimeoutMs?: number;
  /**
   * At most this many messages of one group (createMessage's groupId) in flight at once, across
   * every consumer of the queue (docs/groups.md); messages without a group are not limited. Needs
   * capabilities.groups (MQ_UNSUPPORTED otherwise).
   */
  groupConcurrency?: number;
}

/** What a subscription needs from its queue; the queue passes itself in through this. */
export interface SubscriptionEngine {
  readonly clock: Clock;
  /**
   * True when the provider waits for work inside a take (capabilities.blockingTake, e.g. SQS long
   * polling): the subscription takes with waitMs and never calls waitForWork.
   */
  readonly blockingTake: boolean;
  /** waitMs: only with blockingTake, how long the take may wait for a record. groupConcurrency: see SubscribeOptions. */
  take(queueName: string, max: number, leaseMs: number, waitMs?: number, groupConcurrency?: number): Promise<ReceivedMessage[]>;
  /**
   * Runs a handler once, through the queue's instrumentation (aroundHandler hooks) if any. With no
   * hook it may hand back the handler's own result, a promise or not, and let a synchronous throw
   * through: the subscription awaits it inside a try, so both count as the handler's outcome, and
   * no promise of its own is made per message.
   */
  runHandler(handler: MessageHandler, message: ReceivedMessage, context: HandlerContext): Promise<void> | void;
  ack(message: ReceivedMessage): Promise<void>;
  nack(message: ReceivedMessage, error: Error): Promise<unknown>;
  /** Gives a message back unharmed (its attempt is refunded). */
  release(message: ReceivedMessage): Promise<void>;
  waitForWork(queueName: string, signal: AbortSignal): Promise<void>;
  reportError(error: Error): void;
}

export interface ResolvedSubscribeOptions {
  readonly concurrency: number;
  readonly leaseMs: number;
  readonly timeoutMs: number;
  readonly closeTimeoutMs: number;
  readonly groupConcurrency?: number;
}

/** Checks subscribe() options and fills in defaults (the lease and close timeout come from the queue). */
export function resolveSubscribeOptions(options: SubscribeOptions, defaults: { leaseMs: number; closeTimeoutMs: number }): ResolvedSubscribeOptions {
  const leaseMs = options.visibilityTimeoutMs === undefined ? defaults.leaseMs : validatePositiveInteger(options.visibilityTimeoutMs, 'visibilityTimeoutMs');
  return {
    concurrency: options.concurrency === undefined ? DEFAULT_CONCURRENCY : validatePositiveInteger(options.concurrency, 'concurrency', MAX_CONCURRENCY),
    leaseMs,
    timeoutMs: options.timeoutMs === undefined ? leaseMs : validatePositiveInteger(options.timeoutMs, 'timeoutMs'),
    closeTimeoutMs: options.closeTimeoutMs === undefined ? defaults.closeTimeoutMs : validatePositiveInteger(options.closeTimeoutMs, 'closeTimeoutMs'),
    ...(options.groupConcurrency === undefined ? {} : { groupConcurrency: validatePositiveInteger(options.groupConcurrency, 'groupConcurrency', 10_000) }),
  };
}
