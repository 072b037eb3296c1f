import { ValidationError, type MessageQueue } from '@mq/core';
import type { Registry } from 'prom-client';
import { countSettles } from './count-settles.js';
import { resolveMetricsOptions, type PrometheusMetricsOptions } from './prometheus-metrics-options.js';
import { METRIC_NAMES, registerQueueMetrics } from './queue-metrics.js';
import { QueueTallies } from './queue-tallies.js';
import { StoreSnapshot } from './store-snapshot.js';

/** What createPrometheusMetrics() returns: serve `metrics()` with `contentType`, e.g. with @mq/express's `metrics` option. */
export interface PrometheusMetrics {
  /** The registry holding the metrics (yours, if you passed one). */
  readonly registry: Registry;
  /** The exposition text of the whole registry (reads the store, at most once per storeCacheMs). */
  metrics(): Promise<string>;
  /** The exposition format's content type, for the Content-Type header. */
  readonly contentType: string;
  /** Stops counting and removes the metrics from the registry. Idempotent. */
  close(): void;
}

/**
 * Registers @mq's metrics for one MessageQueue. Counters and histograms count what this process
 * does (its events and handler runs): sum them across instances in your queries. Gauges read the
 * store at scrape time: one getStats() per queue, shared by all gauges and cached for
 * storeCacheMs (default 1 s). One queue per registry: a second one is refused (MQ_INVALID_CONFIG).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createPrometheusMetrics(queue: MessageQueue<any>, options?: PrometheusMetricsOptions): PrometheusMetrics {
  const resolved = resolveMetricsOptions(queue, options);
  const { registry, clock, storeCacheMs } = resolved;
  const taken = METRIC_NAMES.find((name) => registry.getSingleMetric(name) !== undefined);
  if (taken !== undefined) {
    throw new ValidationError('MQ_INVALID_CONFIG', `createPrometheusMetrics: the registry already holds ${taken} (one MessageQueue per registry; pass another registry, or close() the first metrics).`, {
      field: 'registry',
    });
  }
  const tallies = new QueueTallies();
  // Collected at scrape time only, after `snapshot` exists.
  const metrics = registerQueueMetrics(resolved, () => snapshot.refresh(), () => tallies.flush(metrics));
  const snapshot = new StoreSnapshot(queue, metrics, clock, storeCacheMs);
  const stopCounting = countSettles(queue, tallies, (q) => metrics.wait.labels(q), (q) => metrics.process.labels(q), clock);
  let closed = false;
  return {
    registry,
    metrics: () => registry.metrics(),
    contentType: registry.contentType,
    close() {
      if (closed) return;
      closed = true;
      stopCounting();
      for (const name of METRIC_NAMES) registry.removeSingleMetric(name);
    },
  };
}
