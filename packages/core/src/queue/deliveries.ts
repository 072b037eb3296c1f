import type { EventEmitter } from 'eventemitter3';
import type { Clock } from '../clock/clock.js';
import { LeaseLostError } from '../errors/lease-lost-error.js';
import { MqError } from '../errors/mq-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { MessageSerializer } from '../message/message-serializer.js';
import type { DeadLetter, ReceivedMessage } from '../message/queue-message.js';
import { TakenLease } from '../message/taken-lease.js';
import { maybeAll } from '../pipeline/maybe-all.js';
import type { DeadLetterOptions, ReleaseOptions, TakenRecord, TakeOptions } from '../provider/queue-provider.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import type { ActivityFeed } from './activity-feed.js';
import { encodeErrorInfo, errorInfoOf, toError } from './error-info.js';
import type { ProviderGateway } from './provider-gateway.js';
import type { QueueEventMap } from './queue-events.js';

export interface NackResult {
  readonly deadLettered: boolean;
  /** Delay before the next attempt, when one was scheduled. */
  readonly retryInMs?: number;
}

export interface TakeResult {
  readonly messages: ReceivedMessage[];
  /** Records taken that could not be handed out (dead-lettered, or given back if that failed). */
  readonly skipped: number;
  /** Resolves (never rejects) when the skipped records are settled: with the first error of one that could not be dead-lettered (it was given back). */
  readonly settled: Promise<Error | undefined>;
}

const SETTLED: Promise<Error | undefined> = Promise.resolve(undefined);
const REFUND: DeadLetterOptions = Object.freeze({ refundAttempt: true });
const GIVE_BACK: ReleaseOptions = Object.freeze({ delayMs: 0, refundAttempt: true });

export interface DeliveriesDeps {
  readonly events: EventEmitter<QueueEventMap>;
  readonly serializer: MessageSerializer;
  readonly clock: Clock;
  readonly retryPolicy: RetryPolicy;
  readonly activity: ActivityFeed;
  readonly gateway: ProviderGateway;
}

/**
 * The life of a taken message: take under a lease, then ack, retry with backoff, dead-letter or
 * give back. Every decision about a message's fate is made here, not in providers.
 */
export class Deliveries {
  /** Skipped records being settled in the background (see skip()). */
  private readonly skipping = new Set<Promise<unknown>>();

  constructor(private readonly deps: DeliveriesDeps) {}

  /**
   * Takes up to `max` messages. Records that cannot be handed out (undecodable, out of attempts)
   * are counted as skipped and dead-lettered each on its own, in the background: the good ones of
   * the batch are handed out at once, whatever becomes of the others.
   */
  async take(queueName: string, max: number, leaseMs: number, operation: string, waitMs?: number, groupConcurrency?: number): Promise<TakeResult> {
    const { gateway, serializer, events, clock } = this.deps;
    const options = takeOptions(max, leaseMs, waitMs, groupConcurrency);
    // Without hooks the provider is called here, its failure mapped in the catch: no closure and
    // no promise of the gateway's per take (this runs for every dequeue and every lane's take).
    const provider = gateway.unobserved(operation, true);
    let records: TakenRecord[];
    if (provider === undefined) records = await gateway.take(queueName, options, operation);
    else {
      try {
        records = await provider.doTake(queueName, options);
      } catch (error) {
        throw gateway.failure(operation, error);
      }
    }
    const messages: ReceivedMessage[] = [];
    let skipped: { record: TakenRecord; deadLetter: () => Promise<void> }[] | undefined;
    const takenAt = clock.now();
    const announce = events.listenerCount('processing') > 0;
    // With pipeline stages, the batch is decoded first (a stage may be async: then the batch waits for
    // all of it); without, or with synchronous stages, nothing here waits (no promise per message).
    let decoded = serializer.staged ? decodeAll(serializer, queueName, records, takenAt) : undefined;
    if (decoded instanceof Promise) decoded = await decoded;
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as TakenRecord;
      let message: ReceivedMessage;
      try {
        message = decoded === undefined ? (serializer.toReceived(queueName, record, takenAt) as ReceivedMessage) : unwrap(decoded[i]);
      } catch (error) {
        (skipped ??= []).push({ record, deadLetter: () => this.deadLetterUndecodable(queueName, record, toError(error), operation) });
        continue;
      }
      if (message.attempts > message.maxRetries + 1) {
        (skipped ??= []).push({ record, deadLetter: () => this.deadLetterExpired(message) });
        continue;
      }
      if (announce) events.emit('processing', { queueName, message });
      messages.push(message);
    }
    if (skipped === undefined) return { messages, skipped: 0, settled: SETTLED };
    const settling = skipped.map(({ record, deadLetter }) => this.skip(queueName, record, deadLetter, operation));
    const settled = Promise.all(settling).then((failures) => failures.find((f) => f !== undefined));
    return { messages, skipped: skipped.length, settled };
  }

  /** Resolves when no skipped record is being settled in the background. */
  async drain(): Promise<void> {
    while (this.skipping.size > 0) await Promise.all(this.skipping);
  }

  /**
   * Settles one skipped record; resolves with the error if it could not be dead-lettered. The
   * record is then given back unharmed (available at once, its attempt refunded) instead of
   * staying under its lease, which would hide it until the lease ends and spend an attempt; the
   * next take tries again.
   */
  private skip(queueName: string, record: TakenRecord, deadLetter: () => Promise<void>, operation: string): Promise<Error | undefined> {
    const { gateway, events } = this.deps;
    const settling = deadLetter().then(
      () => undefined,
      async (error: unknown) => {
        // Its lease ended already: the record is available again, nothing is left to give back.
        if (MqError.isInstance(error) && error.code === 'MQ_LEASE_LOST') return undefined;
        const ref = { id: record.id, leaseToken: record.leaseToken };
        await gateway.release(queueName, ref, GIVE_BACK, operation).catch((failure: unknown) => {
          events.emit('error', toError(failure));
        });
        return toError(error);
      },
    );
    this.skipping.add(settling);
    void settling.finally(() => this.skipping.delete(settling));
    return settling;
  }

  /** A record this queue cannot decode: dead-lettered as it is (its handler never ran: the take's attempt is refunded). */
  private async deadLetterUndecodable(queueName: string, record: TakenRecord, error: Error, operation: string): Promise<void> {
    const ref = { id: record.id, leaseToken: record.leaseToken };
    await this.deps.gateway.deadLetter(queueName, ref, encodeErrorInfo(error), REFUND, operation);
    this.deps.events.emit('error', error);
  }

  /**
   * A record whose lease expired on its final attempt. The take that found it counted a delivery
   * whose handler never runs: refunded, so attempts are the deliveries that ran or expired.
   */
  private deadLetterExpired(taken: ReceivedMessage): Promise<void> {
    const message = { ...taken, attempts: taken.attempts - 1 };
    const expired = new MqError('MQ_LEASE_EXPIRED', `Message "${message.id}" in queue "${message.queueName}" lost its lease on its final attempt (its consumer died or hung).`, {
      details: { queueName: message.queueName, messageId: message.id },
    });
    return this.deadLetter(message, expired, REFUND);
  }

  async ack(message: ReceivedMessage): Promise<void> {
    const { queueName, lease } = checkReceived(message);
    const { gateway, clock, events, activity } = this.deps;
    const now = clock.now();
    const durationMs = Math.max(0, now - (TakenLease.takenAtOf(lease) ?? now));
    const ref = { id: message.id, leaseToken: lease.token };
    // As in take(): without hooks, no closure and no promise of the gateway's per ack.
    const provider = gateway.unobserved('ack', true);
    let held: boolean;
    if (provider === undefined) held = await gateway.ack(queueName, ref, durationMs);
    else {
      try {
        held = await provider.doAck(queueName, ref, durationMs);
      } catch (error) {
        throw gateway.failure('ack', error);
      }
    }
    if (!held) throw new LeaseLostError(queueName, message.id);
    // Events are built only when someone listens: this runs for every message.
    if (events.listenerCount('completed') > 0) events.emit('completed', { queueName, message, durationMs });
    if (activity.publishing) activity.publish({ event: 'completed', queueName, message, at: clock.now() });
  }

  async nack(message: ReceivedMessage, error?: unknown): Promise<NackResult> {
    const { queueName, lease } = checkReceived(message);
    const { gateway, events, retryPolicy } = this.deps;
    const cause = error === undefined ? new Error('Message was nacked') : toError(error);
    const unrecoverable = MqError.isInstance(cause) && cause.code === 'MQ_UNRECOVERABLE';
    if (unrecoverable || message.attempts >= message.maxRetries + 1) {
      await this.deadLetter(message, cause);
      return { deadLettered: true };
    }
    const delayMs = retryPolicy(message.attempts, cause, message);
    const ref = { id: message.id, leaseToken: lease.token };
    const held = await gateway.nack(queueName, ref, { delayMs, lastError: encodeErrorInfo(cause) });
    if (!held) throw new LeaseLostError(queueName, message.id);
    events.emit('failed', { queueName, message, error: cause, willRetry: true });
    events.emit('retrying', { queueName, message, error: cause, delayMs, nextAttempt: message.attempts + 1 });
    return { deadLettered: false, retryInMs: delayMs };
  }

  /** Gives a message back unharmed: available at once, its attempt refunded. */
  async release(message: ReceivedMessage): Promise<void> {
    const ref = { id: message.id, leaseToken: message.lease.token };
    await this.deps.gateway.release(message.queueName, ref, GIVE_BACK);
  }

  private async deadLetter(message: ReceivedMessage, error: Error, options?: DeadLetterOptions): Promise<void> {
    const { queueName } = message;
    const { gateway, events, clock, activity } = this.deps;
    const ref = { id: message.id, leaseToken: message.lease.token };
    const held = await gateway.deadLetter(queueName, ref, encodeErrorInfo(error), options, 'nack');
    if (!held) throw new LeaseLostError(queueName, message.id);
    const { lease: _lease, lastError: _lastError, ...rest } = message;
    const dead: DeadLetter = { ...rest, error: errorInfoOf(error), failedAt: clock.now() };
    events.emit('failed', { queueName, message, error, willRetry: false });
    events.emit('deadLetter', { queueName, message: dead, error });
    activity.publish({ event: 'deadLetter', queueName, message: dead, error: dead.error, at: dead.failedAt });
  }
}

type Decoded = ReceivedMessage | { readonly failure: unknown };

/** Decodes a batch through pipeline stages, in take order; a record that cannot be read is its failure. A promise only when some stage decodes asynchronously (AES-GCM and gzip do not). */
function decodeAll(serializer: MessageSerializer, queueName: string, records: readonly TakenRecord[], takenAt: number): Decoded[] | Promise<Decoded[]> {
  return maybeAll(
    records.map((record): Decoded | Promise<Decoded> => {
      try {
        const message = serializer.toReceived(queueName, record, takenAt);
        return message instanceof Promise ? message.catch((failure: unknown) => ({ failure })) : message;
      } catch (failure) {
        return { failure };
      }
    }),
  );
}

function unwrap(decoded: Decoded | undefined): ReceivedMessage {
  if (decoded === undefined || 'failure' in decoded) throw (decoded as { failure: unknown } | undefined)?.failure;
  return decoded;
}

function checkReceived(message: ReceivedMessage): ReceivedMessage {
  if (typeof message !== 'object' || message === null || typeof message.lease?.token !== 'string' || typeof message.queueName !== 'string') {
    throw new ValidationError('MQ_INVALID_MESSAGE', 'ack/nack take a message returned by dequeue() or passed to a subscribe handler.', { field: 'message' });
  }
  return message;
}

/** The provider's take options: only the fields that are set (one object per take, not per message). */
function takeOptions(max: number, leaseMs: number, waitMs: number | undefined, groupConcurrency: number | undefined): TakeOptions {
  if (groupConcurrency === undefined) return waitMs === undefined ? { max, leaseMs } : { max, leaseMs, waitMs };
  return waitMs === undefined ? { max, leaseMs, groupConcurrency } : { max, leaseMs, waitMs, groupConcurrency };
}
