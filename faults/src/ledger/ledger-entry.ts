/**
 * One line of the ledger. Consumers write start/done/fail/acked/leaseLost/deadLetter; producers
 * write enqueued (the enqueue promise resolved) or enqueueFailed (it rejected or timed out).
 * `pid` is the writing process (in-process cases use small made-up numbers, one per consumer).
 */
export type LedgerKind = 'start' | 'done' | 'fail' | 'acked' | 'leaseLost' | 'deadLetter' | 'enqueued' | 'enqueueFailed';

export interface LedgerEntry {
  readonly kind: LedgerKind;
  readonly id: string;
  readonly pid: number;
  /** Delivery number for consumer lines; the enqueue attempt for producer lines. */
  readonly attempt: number;
  /** Epoch ms of the writer's clock. */
  readonly at: number;
  /** start: when the lease ends (provider clock). */
  readonly leaseExpiresAt?: number;
  /** fail/enqueueFailed/deadLetter: the error's code or message. */
  readonly error?: string;
  /** enqueued: the Redis server time (ms) read just before the enqueue was sent (clock-skew case). */
  readonly serverAt?: number;
  /** enqueued: the message's delay. */
  readonly delayMs?: number;
}

/** Where a process appends its ledger lines. */
export interface Ledger {
  append(entry: LedgerEntry): void;
}
