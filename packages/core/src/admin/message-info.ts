import type { ErrorInfo, MessageMetadata } from '../message/queue-message.js';
import type { ActionOutcome } from '../provider/record-scan.js';

/** Where a message is: waiting and due, waiting for its due time, under a lease, or dead-lettered. */
export type MessageState = 'ready' | 'delayed' | 'processing' | 'dead';

/** One stored message as the admin API shows it (queue.listMessages, getMessage, searchMessages). */
export interface MessageInfo<T = unknown> {
  readonly queueName: string;
  readonly id: string;
  readonly state: MessageState;
  readonly type: string;
  /** Null when it cannot be decoded (decodeError is then set) or was redacted. */
  readonly payload: T | null;
  readonly priority: number;
  readonly attempts: number;
  readonly maxRetries: number;
  /** From the message. */
  readonly createdAt: number;
  /** Due time: when it became due (ready) or will be (delayed). */
  readonly availableAt: number;
  readonly metadata: MessageMetadata;
  readonly groupId?: string;
  /** Processing only. */
  readonly leaseExpiresAt?: number;
  /** The error of the last failed attempt, with its time when stored. */
  readonly lastError?: ErrorInfo & { readonly at?: number };
  /** Dead only. */
  readonly error?: ErrorInfo;
  /** Dead only. */
  readonly failedAt?: number;
  readonly decodeError?: ErrorInfo;
}

/** Every given field must match (AND). */
export interface MessageFilter {
  readonly id?: string;
  readonly type?: string;
  readonly userId?: string;
  readonly conversationId?: string;
  /** Case-insensitive substring of JSON.stringify(payload). */
  readonly text?: string;
  /** Default: all four. */
  readonly state?: MessageState | readonly MessageState[];
}

/** Which messages an admin action applies to: these ids, those matching a filter, or every message of the states the action accepts. */
export type MessageTarget = { readonly ids: readonly string[] } | { readonly filter: MessageFilter } | { readonly all: true };

export type { ActionOutcome };

/** What an admin action did, per id and in total. */
export interface ActionReport {
  readonly results: readonly { readonly id: string; readonly outcome: ActionOutcome }[];
  readonly done: number;
  readonly notFound: number;
  readonly wrongState: number;
}

/** Options of every admin action. */
export interface ActionOptions {
  onProgress?(doneSoFar: number, total?: number): void;
}

export interface ListMessagesOptions {
  readonly state: MessageState;
  /** 1..1000, default 50. */
  readonly limit?: number;
  /** '' (default) to start, else the nextCursor of the previous page. */
  readonly cursor?: string;
}

export interface MessagePage<T = unknown> {
  readonly items: readonly MessageInfo<T>[];
  /** Null: the walk is done. */
  readonly nextCursor: string | null;
}

export interface SearchMessagesOptions extends MessageFilter {
  /** Matches per page, 1..1000, default 50. */
  readonly limit?: number;
  /** Records looked at per call at most, default 10_000. */
  readonly scanLimit?: number;
  readonly cursor?: string;
}

export interface SearchPage<T = unknown> extends MessagePage<T> {
  /** Records looked at by this call. */
  readonly scanned: number;
  /** True when every record of the states was looked at (nextCursor is then null). */
  readonly complete: boolean;
}
