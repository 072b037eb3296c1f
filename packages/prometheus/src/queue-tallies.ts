import type { QueueMetrics, SettleOutcome } from './queue-metrics.js';

/** One queue's counts since the last scrape: plain numbers, so counting a message costs an increment. */
class Tally {
  enqueued = 0;
  completed = 0;
  retried = 0;
  deadLettered = 0;
  leaseExpired = 0;
}

const OUTCOMES: readonly [SettleOutcome, keyof Tally][] = [
  ['completed', 'completed'],
  ['retried', 'retried'],
  ['dead_lettered', 'deadLettered'],
  ['lease_expired', 'leaseExpired'],
];

/**
 * The counters' increments, kept per queue and handed to prom-client when the counters are
 * collected (at scrape time). prom-client's inc() builds and hashes a label object per call:
 * about as costly as the rest of a message's metrics together, so it runs once per queue and
 * outcome per scrape instead of once per message.
 */
export class QueueTallies {
  private readonly tallies = new Map<string, Tally>();

  of(queueName: string): Tally {
    let tally = this.tallies.get(queueName);
    if (tally === undefined) this.tallies.set(queueName, (tally = new Tally()));
    return tally;
  }

  /** Adds what was counted since the last flush to the counters, and starts again from 0. */
  flush(metrics: QueueMetrics): void {
    for (const [queue, tally] of this.tallies) {
      if (tally.enqueued > 0) metrics.enqueued.inc({ queue }, tally.enqueued);
      for (const [outcome, field] of OUTCOMES) if (tally[field] > 0) metrics.settled.inc({ queue, outcome }, tally[field]);
      tally.enqueued = tally.completed = tally.retried = tally.deadLettered = tally.leaseExpired = 0;
    }
  }
}
