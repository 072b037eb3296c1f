export { createPrometheusMetrics } from './create-prometheus-metrics.js';
export type { PrometheusMetrics } from './create-prometheus-metrics.js';
export type { PrometheusMetricsOptions } from './prometheus-metrics-options.js';
export { DEFAULT_PROCESS_BUCKETS, DEFAULT_WAIT_BUCKETS } from './prometheus-metrics-options.js';
export { METRIC_NAMES } from './queue-metrics.js';
export type { MessageState, SettleOutcome } from './queue-metrics.js';
