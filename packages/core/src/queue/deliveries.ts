import type { EventEmitter } from 'eventemitter3';
import type { Clock } from '../clock/clock.js';
import { LeaseLostError } from '../errors/lease-lost-error.js';
import { MqError } from '../errors/mq-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { MessageSerializer } from '../message/message-serializer.js';
import type { DeadLetter, ReceivedMessage } from '../message/queue-message.js';
import { TakenLease } from '../message/taken-lease.js';
import type { QueueProvider } from '../provider/queue-provider.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import type { ActivityFeed } from './activity-feed.js';
import { encodeErrorInfo, errorInfoOf, toError } from './error-info.js';
import type { QueueEventMap } from './queue-events.js';

export interface NackResult {
  readonly deadLettered: boolean;
  /** Delay before the next attempt, when one was scheduled. */
  readonly retryInMs?: number;
}

/** Runs a provider call on behalf of an operation (the queue checks it is open and wraps errors). */
export type ProviderCall = <R>(operation: string, fn: (provider: QueueProvider) => Promise<R>) => Promise<R>;

export interface DeliveriesDeps {
  readonly events: EventEmitter<QueueEventMap>;
  readonly serializer: MessageSerializer;
  readonly clock: Clock;
  readonly retryPolicy: RetryPolicy;
  readonly activity: ActivityFeed;
  readonly call: ProviderCall;
  readonly provider: () => QueueProvider | undefined;
}

/**
 * The life of a taken message: take under a lease, then ack, retry with backoff, dead-letter or
 * give back. Every decision about a message's fate is made here, not in providers.
 */
export class Deliveries {
  constructor(private readonly deps: DeliveriesDeps) {}

  /** Takes up to `max` messages. Records that cannot be handed out (undecodable, out of attempts) are dead-lettered and counted as skipped. */
  async take(queueName: string, max: number, leaseMs: number, operation: string): Promise<{ messages: ReceivedMessage[]; skipped: number }> {
    const { call, serializer, events, clock } = this.deps;
    const records = await call(operation, (p) => p.doTake(queueName, { max, leaseMs }));
    const messages: ReceivedMessage[] = [];
    let skipped = 0;
    const takenAt = clock.now();
    const announce = events.listenerCount('processing') > 0;
    for (const record of records) {
      let message: ReceivedMessage;
      try {
        message = serializer.toReceived(queueName, record, takenAt);
      } catch (error) {
        skipped++;
        await call(operation, (p) => p.doDeadLetter(queueName, { id: record.id, leaseToken: record.leaseToken }, encodeErrorInfo(toError(error))));
        events.emit('error', toError(error));
        continue;
      }
      if (message.attempts > message.maxRetries + 1) {
        skipped++;
        const expired = new MqError('MQ_LEASE_EXPIRED', `Message "${message.id}" in queue "${queueName}" lost its lease on its final attempt (its consumer died or hung).`, {
          details: { queueName, messageId: message.id },
        });
        await this.deadLetter(message, expired);
        continue;
      }
      if (announce) events.emit('processing', { queueName, message });
      messages.push(message);
    }
    return { messages, skipped };
  }

  async ack(message: ReceivedMessage): Promise<void> {
    const { queueName, lease } = checkReceived(message);
    const { call, clock, events, activity } = this.deps;
    const now = clock.now();
    const durationMs = Math.max(0, now - (TakenLease.takenAtOf(lease) ?? now));
    const held = await call('ack', (p) => p.doAck(queueName, { id: message.id, leaseToken: lease.token }, durationMs));
    if (!held) throw new LeaseLostError(queueName, message.id);
    // Events are built only when someone listens: this runs for every message.
    if (events.listenerCount('completed') > 0) events.emit('completed', { queueName, message, durationMs });
    if (activity.publishing) activity.publish(this.deps.provider(), { event: 'completed', queueName, message, at: clock.now() });
  }

  async nack(message: ReceivedMessage, error?: unknown): Promise<NackResult> {
    const { queueName, lease } = checkReceived(message);
    const { call, events, retryPolicy } = this.deps;
    const cause = error === undefined ? new Error('Message was nacked') : toError(error);
    const unrecoverable = MqError.isInstance(cause) && cause.code === 'MQ_UNRECOVERABLE';
    if (unrecoverable || message.attempts >= message.maxRetries + 1) {
      await this.deadLetter(message, cause);
      return { deadLettered: true };
    }
    const delayMs = retryPolicy(message.attempts, cause, message);
    const ref = { id: message.id, leaseToken: lease.token };
    const held = await call('nack', (p) => p.doRelease(queueName, ref, { delayMs, lastError: encodeErrorInfo(cause) }));
    if (!held) throw new LeaseLostError(queueName, message.id);
    events.emit('failed', { queueName, message, error: cause, willRetry: true });
    events.emit('retrying', { queueName, message, error: cause, delayMs, nextAttempt: message.attempts + 1 });
    return { deadLettered: false, retryInMs: delayMs };
  }

  /** Gives a message back unharmed: available at once, its attempt refunded. */
  async release(message: ReceivedMessage): Promise<void> {
    const ref = { id: message.id, leaseToken: message.lease.token };
    await this.deps.call('release', (p) => p.doRelease(message.queueName, ref, { delayMs: 0, refundAttempt: true }));
  }

  private async deadLetter(message: ReceivedMessage, error: Error): Promise<void> {
    const { queueName } = message;
    const { call, events, clock, activity } = this.deps;
    const ref = { id: message.id, leaseToken: message.lease.token };
    const held = await call('nack', (p) => p.doDeadLetter(queueName, ref, encodeErrorInfo(error)));
    if (!held) throw new LeaseLostError(queueName, message.id);
    const { lease: _lease, lastError: _lastError, ...rest } = message;
    const dead: DeadLetter = { ...rest, error: errorInfoOf(error), failedAt: clock.now() };
    events.emit('failed', { queueName, message, error, willRetry: false });
    events.emit('deadLetter', { queueName, message: dead, error });
    activity.publish(this.deps.provider(), { event: 'deadLetter', queueName, message: dead, error: dead.error, at: dead.failedAt });
  }
}

function checkReceived(message: ReceivedMessage): ReceivedMessage {
  if (typeof message !== 'object' || message === null || typeof message.lease?.token !== 'string' || typeof message.queueName !== 'string') {
    throw new ValidationError('MQ_INVALID_MESSAGE', 'ack/nack take a message returned by dequeue() or passed to a subscribe handler.', { field: 'message' });
  }
  return message;
}
