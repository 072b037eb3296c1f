import type { StoredRecord } from './sqs-record-codec.js';

/** What the provider remembers of a message it handed out, until it is settled. */
export interface HeldLease {
  readonly queueName: string;
  readonly queueUrl: string;
  readonly record: StoredRecord;
  /** Deliveries including this one. */
  readonly attempts: number;
  /** By the provider's clock; an entry this old (plus a grace) is dropped unsettled. */
  readonly expiresAt: number;
}

/** Entries kept past their lease before they are swept (a late settle still finds its record). */
const GRACE_MS = 60_000;
const SWEEP_EVERY = 256;

/**
 * The messages this instance holds under a visibility timeout, by receipt handle. SQS cannot
 * change a message's attributes, so a release with a new last error, or a give-back that refunds
 * the attempt, re-sends the message: that needs its body and counts, kept here. Settled entries
 * go at once; those whose lease ran out unsettled are swept now and then (every 256 takes).
 */
export class SqsLeases {
  private readonly held = new Map<string, HeldLease>();
  private takes = 0;

  add(receiptHandle: string, lease: HeldLease, now: number): void {
    this.held.set(receiptHandle, lease);
    if (++this.takes % SWEEP_EVERY === 0) this.sweep(now);
  }

  get(receiptHandle: string): HeldLease | undefined {
    return this.held.get(receiptHandle);
  }

  delete(receiptHandle: string): void {
    this.held.delete(receiptHandle);
  }

  /** Forgets every lease of a queue (purged or deleted: those leases are no longer held). */
  dropQueue(queueName: string): void {
    for (const [handle, lease] of this.held) if (lease.queueName === queueName) this.held.delete(handle);
  }

  get size(): number {
    return this.held.size;
  }

  private sweep(now: number): void {
    for (const [handle, lease] of this.held) if (lease.expiresAt + GRACE_MS < now) this.held.delete(handle);
  }
}
