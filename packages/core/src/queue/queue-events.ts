import type { DeduplicationMode } from '../provider/queue-provider.js';
import type { DeadLetter, QueueMessage, ReceivedMessage } from '../message/queue-message.js';

export interface EnqueuedEvent<T = unknown> {
  readonly queueName: string;
  readonly message: QueueMessage<T>;
}

export interface ProcessingEvent<T = unknown> {
  readonly queueName: string;
  readonly message: ReceivedMessage<T>;
}

export interface CompletedEvent<T = unknown> {
  readonly queueName: string;
  readonly message: ReceivedMessage<T>;
  /** From take to ack, on the queue's clock. */
  readonly durationMs: number;
}

/** An attempt failed; `willRetry` tells whether a retry was scheduled or the message was dead-lettered. */
export interface FailedEvent<T = unknown> {
  readonly queueName: string;
  readonly message: ReceivedMessage<T>;
  readonly error: Error;
  readonly willRetry: boolean;
}

export interface RetryingEvent<T = unknown> {
  readonly queueName: string;
  readonly message: ReceivedMessage<T>;
  readonly error: Error;
  readonly delayMs: number;
  /** The attempt number that will run next. */
  readonly nextAttempt: number;
}

/** As in the spec: `queue.on('deadLetter', ({ queueName, message, error }) => …)`. */
export interface DeadLetterEvent<T = unknown> {
  readonly queueName: string;
  readonly message: DeadLetter<T>;
  readonly error: Error;
}

/**
 * A message met a held deduplication key (docs/deduplication.md): `messageId` is the message
 * given to enqueue, `existingId` the one that held the key. Modes 'until-settled' and 'ttl': the
 * new message was dropped and enqueue resolved with `existingId`. Mode 'debounce': the new
 * message replaced the waiting `existingId` and enqueue resolved with `messageId`.
 */
export interface DeduplicatedEvent {
  readonly queueName: string;
  /** The deduplication key; mode 'id': the message id. */
  readonly key: string;
  readonly messageId: string;
  readonly existingId: string;
  /** The key's mode, or 'id': the id was remembered within the idempotency window (docs/deduplication.md). */
  readonly mode: DeduplicationMode | 'id';
}

/** Event names and listener arguments of a MessageQueue (eventemitter3 typing); T is the union of its payload types. */
export interface QueueEventMap<T = unknown> {
  enqueued: [event: EnqueuedEvent<T>];
  processing: [event: ProcessingEvent<T>];
  completed: [event: CompletedEvent<T>];
  failed: [event: FailedEvent<T>];
  retrying: [event: RetryingEvent<T>];
  deadLetter: [event: DeadLetterEvent<T>];
  deduplicated: [event: DeduplicatedEvent];
  /** Errors that have no caller to throw to (a subscriber's provider call failed, a late ack). */
  error: [error: Error];
}
