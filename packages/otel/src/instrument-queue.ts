import type { MessageQueue } from '@mq/core';
import { trace } from '@opentelemetry/api';
import { QueueTracing } from './queue-tracing.js';
import { checkTracingArguments, type TracingOptions } from './tracing-options.js';

/** The tracer's instrumentation scope. */
export const TRACER_NAME = '@mq/otel';

/**
 * Traces a MessageQueue with OpenTelemetry: a `send {queue}` PRODUCER span per enqueue (a
 * `create {queue}` span per message of a batch), the trace context written into each message's
 * headers (`traceparent`, `tracestate`), a `process {queue}` CONSUMER span per handler run (child
 * of and linked to the producer's span, the handler running inside it), and a span per ack/nack.
 * Returns the function that stops it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function instrumentQueue(queue: MessageQueue<any>, options?: TracingOptions): () => void {
  checkTracingArguments(queue, options);
  const tracer = (options?.tracerProvider ?? trace.getTracerProvider()).getTracer(TRACER_NAME);
  return queue.instrument(new QueueTracing(tracer, queue.providerName, options?.propagator));
}
