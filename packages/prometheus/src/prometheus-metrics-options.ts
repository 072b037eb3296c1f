import { ValidationError } from '@mq/core';
import { Registry } from 'prom-client';

/** Options of createPrometheusMetrics(). */
export interface PrometheusMetricsOptions {
  /** Where the metrics are registered. Default: a new Registry of its own (serve it, or merge it into yours). */
  registry?: Registry;
  /** Reads the time for the wait and process histograms and the gauge cache. Default: Date.now. */
  clock?: { now(): number };
  /** How long one read of the store serves scrapes, ms (an integer >= 0). Default 1000. */
  storeCacheMs?: number;
  /** Histogram buckets of mq_message_wait_seconds (seconds, ascending). */
  waitBuckets?: readonly number[];
  /** Histogram buckets of mq_message_process_seconds (seconds, ascending). */
  processBuckets?: readonly number[];
}

export interface ResolvedMetricsOptions {
  readonly registry: Registry;
  readonly clock: { now(): number };
  readonly storeCacheMs: number;
  readonly waitBuckets: number[];
  readonly processBuckets: number[];
}

/** From a millisecond to an hour: messages wait from almost nothing (a busy consumer) to long backlogs. */
export const DEFAULT_WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
/** From a millisecond to two minutes: handlers run within their timeoutMs (default 30 s). */
export const DEFAULT_PROCESS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const DEFAULT_STORE_CACHE_MS = 1000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(message: string, field: string): ValidationError {
  return new ValidationError('MQ_INVALID_CONFIG', `createPrometheusMetrics: ${message}`, { field });
}

/** Checks the first argument and the options; fills in the defaults. */
export function resolveMetricsOptions(queue: unknown, options: unknown): ResolvedMetricsOptions {
  const looksLikeQueue = isObject(queue) && typeof queue.instrument === 'function' && typeof queue.getStats === 'function' && typeof queue.on === 'function';
  if (!looksLikeQueue) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', 'createPrometheusMetrics needs a MessageQueue (from createMessageQueue() or new MessageQueue()) as its first argument.', { field: 'queue' });
  }
  if (options === undefined) options = {};
  if (!isObject(options)) throw invalid('options must be an object ({ registry?, clock?, storeCacheMs?, waitBuckets?, processBuckets? }) or left out.', 'options');
  const { registry, clock, storeCacheMs, waitBuckets, processBuckets } = options;
  if (registry !== undefined && !(isObject(registry) && typeof registry.registerMetric === 'function' && typeof registry.metrics === 'function')) {
    throw invalid("options.registry must be a prom-client Registry (new Registry() or prom-client's register), or left out.", 'registry');
  }
  if (clock !== undefined && !(isObject(clock) && typeof clock.now === 'function')) throw invalid('options.clock must be an object with now(): epoch milliseconds, or left out.', 'clock');
  if (storeCacheMs !== undefined && !(typeof storeCacheMs === 'number' && Number.isInteger(storeCacheMs) && storeCacheMs >= 0)) {
    throw invalid(`options.storeCacheMs must be an integer >= 0 (milliseconds), not ${JSON.stringify(storeCacheMs)}.`, 'storeCacheMs');
  }
  return {
    registry: (registry as Registry | undefined) ?? new Registry(),
    clock: (clock as { now(): number } | undefined) ?? { now: () => Date.now() },
    storeCacheMs: storeCacheMs ?? DEFAULT_STORE_CACHE_MS,
    waitBuckets: checkBuckets(waitBuckets, 'waitBuckets') ?? DEFAULT_WAIT_BUCKETS,
    processBuckets: checkBuckets(processBuckets, 'processBuckets') ?? DEFAULT_PROCESS_BUCKETS,
  };
}

function checkBuckets(value: unknown, field: string): number[] | undefined {
  if (value === undefined) return undefined;
  const ok = Array.isArray(value) && value.length > 0 && value.every((b, i) => typeof b === 'number' && Number.isFinite(b) && b > 0 && (i === 0 || b > (value[i - 1] as number)));
  if (!ok) throw invalid(`options.${field} must be a non-empty array of ascending positive numbers (seconds), e.g. [0.01, 0.1, 1].`, field);
  return [...(value as number[])];
}
