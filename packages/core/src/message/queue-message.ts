import type { DeduplicationMode, DeduplicationSpec } from '../provider/queue-provider.js';

/** Who and what a message is about; carried unchanged from enqueue to handler. */
export interface MessageMetadata {
  readonly userId?: string;
  readonly conversationId?: string;
  readonly correlationId?: string;
  /** Free string headers, e.g. trace context (`traceparent`). */
  readonly headers: Readonly<Record<string, string>>;
}

/** A message as createMessage() makes it and enqueue() takes it. Times are epoch milliseconds. */
export interface QueueMessage<T = unknown> {
  readonly id: string;
  readonly type: string;
  readonly payload: T;
  /** 1–10, higher first; FIFO within a level. */
  readonly priority: number;
  readonly createdAt: number;
  /** Delay from enqueue until the message may be taken. */
  readonly delayMs: number;
  /** When the message becomes available (estimated from the creating clock until a provider takes it). */
  readonly availableAt: number;
  /** Deliveries so far; 0 until first taken. */
  readonly attempts: number;
  /** Retries after the first attempt before the message is dead-lettered. */
  readonly maxRetries: number;
  readonly metadata: MessageMetadata;
  /** Seam (capabilities.deduplication): set only when createMessage() was given one. */
  readonly deduplication?: DeduplicationSpec;
  /** Seam (capabilities.groups): set only when createMessage() was given one. */
  readonly groupId?: string;
}

/** The lease under which a consumer holds a taken message. */
export interface Lease {
  /** Identifies this delivery; ack/nack with an older token fails with MQ_LEASE_LOST. */
  readonly token: string;
  /** The lease holds through this instant (epoch ms, provider clock). */
  readonly expiresAt: number;
}

/** Facts about an error, as stored with a message (errors themselves do not survive storage). */
export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  /** Stored errors (a retry's last error, a dead letter's): the stack where it was thrown, its first 20 lines, at most 4,000 characters. */
  readonly stack?: string;
}

/** A message taken from a queue under a lease: pass it to ack() or nack(). */
export interface ReceivedMessage<T = unknown> extends QueueMessage<T> {
  readonly queueName: string;
  readonly lease: Lease;
  /** The error of the previous failed attempt, if any. */
  readonly lastError?: ErrorInfo;
}

/** A message in a queue's dead-letter store. */
export interface DeadLetter<T = unknown> extends QueueMessage<T> {
  readonly queueName: string;
  readonly error: ErrorInfo;
  /** When it was dead-lettered (epoch ms). */
  readonly failedAt: number;
  /** Set when this queue cannot decode the stored message (e.g. its codec is not configured); payload is null then. */
  readonly decodeError?: ErrorInfo;
}

/** Options of createMessage(); anything left out or undefined takes its default. */
export interface CreateMessageOptions {
  /** Integer 1–10, default 5. */
  priority?: number | undefined;
  /** Integer >= 0, default 3. */
  maxRetries?: number | undefined;
  /** Milliseconds >= 0 to wait after enqueue, default 0. */
  delayMs?: number | undefined;
  userId?: string | undefined;
  conversationId?: string | undefined;
  correlationId?: string | undefined;
  headers?: Record<string, string> | undefined;
  /** Your own id (e.g. for idempotent producers); default a random per-process prefix and a counter (see generateMessageId). */
  id?: string | undefined;
  /**
   * Seam: a deduplication key with its window. Providers that cannot hold one
   * (capabilities.deduplication, all of them today) refuse the enqueue with MQ_UNSUPPORTED.
   */
  deduplication?: DeduplicationOptions | undefined;
  /**
   * Seam: the group this message belongs to, for fair scheduling across groups. Providers without
   * capabilities.groups (all of them today) refuse the enqueue with MQ_UNSUPPORTED.
   */
  groupId?: string | undefined;
}

/** What createMessage() takes as `deduplication` (checked in seam-fields.ts). */
export interface DeduplicationOptions {
  /** 1–256 characters: messages with the same key are one (how, the mode says). */
  key: string;
  /** How long the key holds, ms (a whole number >= 1); needed by 'ttl' and 'debounce'. */
  ttlMs?: number | undefined;
  /** Default 'ttl' when ttlMs is given, else 'until-settled'. */
  mode?: DeduplicationMode | undefined;
}

export const DEFAULT_PRIORITY = 5;
export const DEFAULT_MAX_RETRIES = 3;
