import { ValidationError } from '@mq/core';
import type { TextMapPropagator, TracerProvider } from '@opentelemetry/api';

/** Options of instrumentQueue(). */
export interface TracingOptions {
  /** Where spans go. Default: the global tracer provider (trace.getTracerProvider()). */
  tracerProvider?: TracerProvider;
  /**
   * How trace context is written into and read from message headers. Default: W3C Trace Context
   * (`traceparent`, `tracestate`) by this package's own codec, whatever propagator is registered globally.
   */
  propagator?: TextMapPropagator;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(message: string, field: string): ValidationError {
  return new ValidationError('MQ_INVALID_CONFIG', `instrumentQueue: ${message}`, { field });
}

/** Checks instrumentQueue's arguments (MQ_INVALID_ARGUMENT for the queue, MQ_INVALID_CONFIG for options). */
export function checkTracingArguments(queue: unknown, options: unknown): asserts options is TracingOptions | undefined {
  if (!(isObject(queue) && typeof queue.instrument === 'function' && typeof queue.enqueue === 'function')) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', 'instrumentQueue needs a MessageQueue (from createMessageQueue() or new MessageQueue()) as its first argument.', { field: 'queue' });
  }
  if (options === undefined) return;
  if (!isObject(options)) throw invalid('options must be an object ({ tracerProvider?, propagator? }) or left out.', 'options');
  const { tracerProvider, propagator } = options;
  if (tracerProvider !== undefined && !(isObject(tracerProvider) && typeof tracerProvider.getTracer === 'function')) {
    throw invalid('options.tracerProvider must be an OpenTelemetry TracerProvider (with getTracer()), or left out.', 'tracerProvider');
  }
  if (propagator !== undefined && !(isObject(propagator) && typeof propagator.inject === 'function' && typeof propagator.extract === 'function')) {
    throw invalid('options.propagator must be an OpenTelemetry TextMapPropagator (with inject() and extract()), or left out.', 'propagator');
  }
}
