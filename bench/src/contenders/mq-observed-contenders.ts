import type { MessageQueue } from '@mq/core';
import { instrumentQueue } from '@mq/otel';
import { createPrometheusMetrics } from '@mq/prometheus';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { Registry } from 'prom-client';
import { createMqRedisContender } from './mq-redis-contender.js';
import type { ContenderTarget, QueueContender } from './queue-contender.js';

/** @mq on Redis with @mq/prometheus on every queue (producer and consumers), each with its own registry. */
export function createMqMetricsContender(target: ContenderTarget): Promise<QueueContender> {
  return createMqRedisContender(target, {}, (queue: MessageQueue) => void createPrometheusMetrics(queue, { registry: new Registry() }));
}

/** Exports nothing: the cost measured is making, recording and batching spans, not shipping them. */
const discard: SpanExporter = { export: (_spans, done) => done({ code: 0 }), shutdown: () => Promise.resolve() };

/** @mq on Redis with @mq/otel on every queue: the SDK's tracer, every span sampled, a batch processor. */
export function createMqTracingContender(target: ContenderTarget): Promise<QueueContender> {
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(discard)] });
  return createMqRedisContender(target, {}, (queue: MessageQueue) => void instrumentQueue(queue, { tracerProvider }));
}
