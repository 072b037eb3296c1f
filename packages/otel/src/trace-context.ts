import { createTraceState, isSpanContextValid, TraceFlags, type SpanContext } from '@opentelemetry/api';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * W3C Trace Context in message headers: `traceparent` (version 00) and `tracestate`. Our own small
 * codec rather than the global propagator, so that the trace context travels with the message even
 * where no propagator was registered; pass `propagator` to instrumentQueue for another format.
 */
export function writeTraceContext(spanContext: SpanContext, headers: Record<string, string>): void {
  if (!isSpanContextValid(spanContext)) return;
  const flags = (spanContext.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED ? '01' : '00';
  headers.traceparent = `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
  const state = spanContext.traceState?.serialize();
  if (state !== undefined && state !== '') headers.tracestate = state;
}

/** The producer's span context from a message's headers, or undefined when they carry none (or a malformed one). */
export function readTraceContext(headers: Readonly<Record<string, string>>): SpanContext | undefined {
  const match = TRACEPARENT.exec(headers.traceparent ?? '');
  if (match === null) return undefined;
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
  const spanContext: SpanContext = { traceId, spanId, traceFlags: Number.parseInt(flags, 16) & TraceFlags.SAMPLED, isRemote: true };
  const state = headers.tracestate;
  if (state !== undefined && state !== '') spanContext.traceState = createTraceState(state);
  return isSpanContextValid(spanContext) ? spanContext : undefined;
}
