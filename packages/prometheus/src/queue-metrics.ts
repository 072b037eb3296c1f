import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ResolvedMetricsOptions } from './prometheus-metrics-options.js';

/** How an attempt ended, the `outcome` label of mq_messages_settled_total. */
export type SettleOutcome = 'completed' | 'retried' | 'dead_lettered' | 'lease_expired';
/** Where stored messages are, the `state` label of mq_queue_messages. */
export type MessageState = 'ready' | 'delayed' | 'processing' | 'dead';

export const METRIC_NAMES = [
  'mq_messages_enqueued_total',
  'mq_messages_settled_total',
  'mq_queue_messages',
  'mq_queue_oldest_message_age_seconds',
  'mq_message_wait_seconds',
  'mq_message_process_seconds',
  'mq_provider_up',
] as const;

/** The metric objects, registered in one registry. Gauges are filled by `collect` at scrape time. */
export interface QueueMetrics {
  readonly enqueued: Counter<'queue'>;
  readonly settled: Counter<'queue' | 'outcome'>;
  readonly messages: Gauge<'queue' | 'state'>;
  readonly oldestAge: Gauge<'queue'>;
  readonly wait: Histogram<'queue'>;
  readonly process: Histogram<'queue'>;
  readonly providerUp: Gauge;
}

/**
 * Registers the seven metrics (fixed names, base units, `_total` only on counters, no message ids
 * in labels). `flushCounts` runs before the counters are read, `collect` before the gauges, once per scrape of each gauge; it shares
 * one read of the store between them (see StoreSnapshot).
 */
export function registerQueueMetrics(options: ResolvedMetricsOptions, collect: () => Promise<void>, flushCounts: () => void): QueueMetrics {
  const registers: Registry[] = [options.registry];
  return {
    enqueued: new Counter({ name: 'mq_messages_enqueued_total', help: 'Messages stored by enqueue/enqueueMany of this process.', labelNames: ['queue'], registers, collect: flushCounts }),
    settled: new Counter({
      name: 'mq_messages_settled_total',
      help: 'Attempts this process settled, by outcome: completed, retried, dead_lettered, lease_expired (the lease ended before the settle).',
      labelNames: ['queue', 'outcome'],
      registers,
      collect: flushCounts,
    }),
    messages: new Gauge({ name: 'mq_queue_messages', help: 'Messages in the store, by state: ready, delayed, processing, dead (read at scrape time).', labelNames: ['queue', 'state'], registers, collect }),
    oldestAge: new Gauge({
      name: 'mq_queue_oldest_message_age_seconds',
      help: 'How long the ready message that waited longest has been ready (0 when none is ready; read at scrape time).',
      labelNames: ['queue'],
      registers,
      collect,
    }),
    wait: new Histogram({
      name: 'mq_message_wait_seconds',
      help: 'From when a message became available (enqueue, or the end of its delay or retry backoff) to the take that hands it to its handler.',
      labelNames: ['queue'],
      buckets: options.waitBuckets,
      registers,
    }),
    process: new Histogram({ name: 'mq_message_process_seconds', help: 'Handler run time, from the take to its return (a failed run: to the nack).', labelNames: ['queue'], buckets: options.processBuckets, registers }),
    providerUp: new Gauge({ name: 'mq_provider_up', help: '1 when the store answered its health check at the last read, else 0.', registers, collect }),
  };
}
