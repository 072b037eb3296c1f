import { createHash } from 'node:crypto';
import { MqError } from '@mq/core/provider';

/** What a FIFO message carries besides its record: MessageGroupId and MessageDeduplicationId. */
export interface FifoIds {
  readonly groupId: string;
  readonly deduplicationId: string;
}

// SQS: both ids are 1–128 characters of a-z A-Z 0-9 and punctuation.
const SQS_ID = /^[\x21-\x7e]{1,128}$/;

/** `value` when SQS takes it as a group or deduplication id, else a hash of it (same value, same id). */
export function fifoId(value: string): string {
  return SQS_ID.test(value) ? value : `h${createHash('sha256').update(value).digest('hex').slice(0, 40)}`;
}

/**
 * The ids of a first send: the group is the record's groupId, else the SQS queue's store queue
 * (one order per priority level); the deduplication id is the message id, so SQS drops a
 * producer's retry of the same id within its 5-minute window.
 */
export function firstSendIds(queueName: string, id: string, groupId: string | undefined): FifoIds {
  return { groupId: fifoId(groupId ?? queueName), deduplicationId: fifoId(id) };
}

/**
 * The ids of a provider's own re-send (dead letter, replay): a fresh deduplication id, or SQS would
 * drop it as a copy of the first. A replay joins the level's group again; a dead letter is a group
 * of its own, as a FIFO group hands out nothing more while some of it is received: with one group,
 * a walk of the dead-letter queue (listing, by-id replay or purge) would see only its first ones.
 */
export function resendIds(queueName: string, id: string, kind: 'dead' | 'replay', now: number): FifoIds {
  const deduplicationId = fifoId(`${id.slice(0, 100)}.${kind === 'dead' ? 'd' : 'r'}${now}`);
  return { groupId: kind === 'dead' ? fifoId(`dead.${id}`) : fifoId(queueName), deduplicationId };
}

/** A FIFO queue takes no per-message DelaySeconds: an enqueue with a delay is refused before anything is sent. */
export function refuseFifoDelays(queueName: string, records: readonly { readonly id: string; readonly delayMs: number }[]): void {
  const delayed = records.find((record) => record.delayMs > 0);
  if (delayed !== undefined) throw fifoDelayError(queueName, delayed.id, delayed.delayMs);
}

function fifoDelayError(queueName: string, id: string, delayMs: number): MqError {
  return new MqError('MQ_UNSUPPORTED', `Queue "${queueName}" is an SQS FIFO queue (fifo: true / MQ_SQS_FIFO=true): SQS FIFO queues take no per-message delay, so message ${id} with a delay of ${delayMs} ms is refused and nothing of this enqueue was sent. Enqueue without a delay, or use a standard queue (fifo: false) for delayed messages.`, {
    details: { provider: 'sqs', queueName, id, delayMs, reason: 'fifo-delay' },
  });
}

/** What a FIFO retry changes without a re-send (ChangeMessageVisibility keeps the message; SQS cannot change its attributes). */
export interface FifoNote {
  readonly lastError?: string;
  /** Attempts given back (refundAttempt) since the message was sent. */
  readonly refunds: number;
}

/**
 * Last errors and refunded attempts of FIFO messages retried by visibility timeout, by message id,
 * in this instance only (docs/sqs.md "FIFO queues"): dropped when the message is acked or
 * dead-lettered, and at most `max` kept (the oldest go first).
 */
export class FifoNotes {
  private readonly notes = new Map<string, FifoNote>();

  constructor(private readonly max = 100_000) {}

  get(id: string): FifoNote | undefined {
    return this.notes.get(id);
  }

  set(id: string, note: FifoNote): void {
    this.notes.delete(id);
    this.notes.set(id, note);
    if (this.notes.size > this.max) this.notes.delete(this.notes.keys().next().value as string);
  }

  /** A retry by visibility timeout: keeps its last error, and one more refunded attempt when `refund`. */
  retried(id: string, lastError: string | undefined, refund: boolean): void {
    const refunds = (this.notes.get(id)?.refunds ?? 0) + (refund ? 1 : 0);
    this.set(id, { ...(lastError === undefined ? {} : { lastError }), refunds });
  }

  delete(id: string): void {
    this.notes.delete(id);
  }
}
