import type { BenchPayload } from '../harness/bench-payload.js';
import type { PeerProfile } from './peer-settings.js';

export interface AddOptions {
  /** 1–10, higher first (each contender maps it to its own scale). */
  readonly priority?: number;
  readonly delayMs?: number;
}

export interface BulkItem {
  readonly payload: BenchPayload;
  readonly priority?: number;
}

/** Called when a handler starts; the handler itself is a no-op async function. */
export type OnHandle = (payload: BenchPayload) => void;

export interface Consumer {
  /** Stops taking work and closes the consumer's connections. */
  close(): Promise<void>;
}

/** One queue library, seen the same way by every case. A producer and its consumers use separate connections. */
export interface QueueContender {
  readonly supportsPriority: boolean;
  add(payload: BenchPayload, options?: AddOptions): Promise<void>;
  /** Adds many messages in one call (the library's bulk API). */
  addBulk(items: readonly BulkItem[]): Promise<void>;
  consume(concurrency: number, onHandle: OnHandle): Promise<Consumer>;
  close(): Promise<void>;
}

export interface ContenderTarget {
  readonly port: number;
  readonly queueName: string;
  /** Which of a peer's recommended configurations the case needs (peer-settings.ts); 'standard' when absent. */
  readonly profile?: PeerProfile;
}

export type ContenderFactory = (target: ContenderTarget) => Promise<QueueContender>;
