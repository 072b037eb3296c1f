import type { MessagePlanOptions } from './plan-messages.js';

/** What the test tells a forked producer. */
export interface ProducerConfig {
  readonly redisUrl: string;
  readonly queueName: string;
  readonly ledgerDir: string;
  readonly plan: MessagePlanOptions;
  readonly seed: number;
  /** Enqueues in flight at once. */
  readonly concurrency: number;
  readonly commandTimeoutMs: number;
  /** After a rejected enqueue, try the same id again (an idempotent producer) until this deadline. */
  readonly retryForMs?: number;
  /**
   * The queue's own enqueue retries (MessageQueueOptions.enqueueTimeoutMs): undefined = the
   * default (10 s), as an app gets it; 0 = none, so each failed attempt reaches this producer.
   */
  readonly enqueueTimeoutMs?: number;
  /** Send at most this many messages per second (a schedule spread over the faults); default as fast as possible. */
  readonly ratePerSec?: number;
  /** Read the Redis server's TIME before each enqueue and write it to the ledger (clock-skew case). */
  readonly recordServerTime?: boolean;
}
