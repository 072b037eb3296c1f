import type { RetryOptions } from '@mq/core';

/** What the test tells a forked consumer. */
export interface ConsumerConfig {
  readonly redisUrl: string;
  readonly queueName: string;
  readonly ledgerDir: string;
  readonly concurrency: number;
  readonly leaseMs: number;
  /** Handler timeout; default the lease. */
  readonly handlerTimeoutMs?: number;
  readonly commandTimeoutMs: number;
  readonly connectTimeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Call getStats() this often and watch that it settles within commandTimeoutMs + 1 s; default off. */
  readonly probeIntervalMs?: number;
  /** Declare the queue with this many partitions before subscribing (docs/scaling.md); default: not declared. */
  readonly partitions?: number;
  /** How long a SIGTERM/stop waits for handlers in flight; default 10000. */
  readonly closeTimeoutMs?: number;
}
