import type { CallOutcome, EnqueueInfo, HandlerRunInfo, Instrumentation, ProviderCallInfo } from '@mq/core';
import { context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Link, type Span, type SpanContext, type TextMapPropagator, type Tracer } from '@opentelemetry/api';
import { ATTR, errorType, MESSAGING_SYSTEM } from './messaging-attributes.js';
import { readTraceContext, writeTraceContext } from './trace-context.js';

/** Provider calls that settle a delivery, and the operation name of their span. */
const SETTLES: Readonly<Record<string, string>> = { ack: 'ack', nack: 'nack', deadLetter: 'dead_letter', release: 'release' };
/** Process spans remembered for their settle span; a delivery that never settles here is forgotten past this many. */
const MAX_PENDING_SETTLES = 10_000;

/**
 * The spans of one queue (instrumentQueue): `send {queue}` per enqueue (PRODUCER; in a batch a
 * `create {queue}` PRODUCER span per message under it), `process {queue}` per handler run
 * (CONSUMER: a child of the producer's span and linked to it), and a settle span (`ack`, `nack`,
 * `dead_letter`, `release {queue}`) under the process span of the delivery it settles.
 */
export class QueueTracing implements Instrumentation {
  private readonly processing = new Map<string, Context>();

  constructor(
    private readonly tracer: Tracer,
    private readonly providerName: string,
    private readonly propagator: TextMapPropagator | undefined,
  ) {}

  onEnqueue(info: EnqueueInfo): (outcome: CallOutcome) => void {
    const { queueName, messages, carriers } = info;
    const batch = messages.length > 1;
    const attributes = { ...this.common(queueName, 'send'), [ATTR.operationType]: 'send', ...(batch ? { [ATTR.batchCount]: messages.length } : { [ATTR.messageId]: messages[0]?.id ?? '' }) };
    const send = this.tracer.startSpan(`send ${queueName}`, { kind: SpanKind.PRODUCER, attributes });
    const sendContext = trace.setSpan(context.active(), send);
    const spans: Span[] = [send];
    messages.forEach((message, i) => {
      let span = send;
      if (batch) {
        span = this.tracer.startSpan(`create ${queueName}`, { kind: SpanKind.PRODUCER, attributes: { ...this.common(queueName, 'create'), [ATTR.operationType]: 'create', [ATTR.messageId]: message.id } }, sendContext);
        spans.push(span);
      }
      this.inject(span, carriers[i] as Record<string, string>);
    });
    return (outcome) => {
      for (const span of spans.reverse()) end(span, outcome);
    };
  }

  async aroundHandler(info: HandlerRunInfo, run: () => Promise<void>): Promise<void> {
    const { queueName, message } = info;
    const producer = this.extract(message.metadata.headers);
    const links: Link[] = producer === undefined ? [] : [{ context: producer }];
    // One message per handler run: its span is the producer's child (one trace end to end) and links to it too.
    const parent = producer === undefined ? context.active() : trace.setSpanContext(context.active(), producer);
    const span = this.tracer.startSpan(`process ${queueName}`, { kind: SpanKind.CONSUMER, links, attributes: { ...this.common(queueName, 'process'), [ATTR.operationType]: 'process', [ATTR.messageId]: message.id, 'mq.attempt': message.attempts } }, parent);
    const spanContext = trace.setSpan(parent, span);
    this.remember(message.id, spanContext);
    try {
      await context.with(spanContext, run);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  onProviderCall(call: ProviderCallInfo): ((outcome: CallOutcome) => void) | undefined {
    const name = SETTLES[call.operation];
    const queueName = call.queueName;
    if (name === undefined || queueName === undefined) return undefined;
    const id = call.messageIds[0];
    const parent = (id === undefined ? undefined : this.processing.get(id)) ?? context.active();
    if (id !== undefined) this.processing.delete(id);
    const attributes = { ...this.common(queueName, name), [ATTR.operationType]: 'settle', ...(id === undefined ? {} : { [ATTR.messageId]: id }) };
    const span = this.tracer.startSpan(`${name} ${queueName}`, { kind: SpanKind.CLIENT, attributes }, parent);
    return (outcome) => end(span, outcome);
  }

  private common(queueName: string, operation: string): Record<string, string> {
    return { [ATTR.system]: MESSAGING_SYSTEM, [ATTR.destination]: queueName, [ATTR.operationName]: operation, 'mq.provider': this.providerName };
  }

  private inject(span: Span, carrier: Record<string, string>): void {
    if (this.propagator === undefined) writeTraceContext(span.spanContext(), carrier);
    else this.propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
  }

  private extract(headers: Readonly<Record<string, string>>): SpanContext | undefined {
    if (this.propagator === undefined) return readTraceContext(headers);
    return trace.getSpanContext(this.propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));
  }

  private remember(id: string, spanContext: Context): void {
    this.processing.set(id, spanContext);
    if (this.processing.size > MAX_PENDING_SETTLES) {
      const oldest = this.processing.keys().next().value;
      if (oldest !== undefined) this.processing.delete(oldest);
    }
  }
}

function failed(span: Span, error: unknown): void {
  span.setAttribute(ATTR.errorType, errorType(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

function end(span: Span, outcome: CallOutcome): void {
  if (!outcome.ok) failed(span, outcome.error);
  span.end();
}
