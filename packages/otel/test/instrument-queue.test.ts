import { ManualClock, type MessageQueue } from '@mq/core';
import { createInMemoryQueue } from '@mq/memory';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentQueue } from '../src/index.js';
import { memoryTracing, spanNamed, useAsyncContext } from './helpers/tracing.js';

let undoContext: () => void;
beforeAll(() => (undoContext = useAsyncContext()));
afterAll(() => undoContext());

const queues: MessageQueue[] = [];
afterEach(async () => {
  for (const q of queues.splice(0)) await q.disconnect();
});

async function traced(options: { propagator?: boolean } = {}) {
  const tracing = memoryTracing();
  const clock = new ManualClock(1_000_000);
  const queue = createInMemoryQueue({ clock, retry: { strategy: () => 10 } });
  await queue.connect();
  queues.push(queue);
  const stop = instrumentQueue(queue, { tracerProvider: tracing.provider, ...(options.propagator ? { propagator: new W3CTraceContextPropagator() } : {}) });
  return { queue, clock, tracing, stop };
}

/** Waits (bounded by the test timeout) until the queue emitted `event` `times` times. */
function events(queue: MessageQueue, event: 'completed' | 'retrying' | 'deadLetter', times = 1): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const on = () => {
      if (++seen === times) {
        queue.off(event, on);
        resolve();
      }
    };
    queue.on(event, on);
  });
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('instrumentQueue', () => {
  it('one enqueue: a send PRODUCER span, its context in the headers, the handler run a CONSUMER child linked to it, the ack under that', async () => {
    const { queue, tracing } = await traced();
    const done = events(queue, 'completed');
    let seenInHandler: string | undefined;
    let headers: Record<string, string> = {};
    queue.subscribe('chat_messages', (message) => {
      headers = { ...message.metadata.headers };
      seenInHandler = trace.getActiveSpan()?.spanContext().spanId;
    });
    const id = await queue.enqueue('chat_messages', queue.createMessage('chat', { text: 'hi' }, { headers: { 'x-own': 'kept' } }));
    await done;
    await expect.poll(() => tracing.spans().some((s) => s.name === 'ack chat_messages')).toBe(true);
    const spans = tracing.spans();
    const send = spanNamed(spans, 'send chat_messages');
    const process = spanNamed(spans, 'process chat_messages');
    const ack = spanNamed(spans, 'ack chat_messages');
    expect(send.kind).toBe(SpanKind.PRODUCER);
    expect(send.attributes).toEqual({
      'messaging.system': 'mq',
      'messaging.destination.name': 'chat_messages',
      'messaging.operation.name': 'send',
      'messaging.operation.type': 'send',
      'messaging.message.id': id,
      'mq.provider': 'memory',
    });
    expect(headers).toEqual({ 'x-own': 'kept', traceparent: `00-${send.spanContext().traceId}-${send.spanContext().spanId}-01` });
    expect(process.kind).toBe(SpanKind.CONSUMER);
    expect(process.spanContext().traceId).toBe(send.spanContext().traceId);
    expect(parentOf(process)).toBe(send.spanContext().spanId);
    expect(process.links.map((l) => l.context.spanId)).toEqual([send.spanContext().spanId]);
    expect(process.attributes).toMatchObject({ 'messaging.operation.name': 'process', 'messaging.operation.type': 'process', 'messaging.message.id': id, 'mq.attempt': 1 });
    expect(seenInHandler).toBe(process.spanContext().spanId);
    expect(parentOf(ack)).toBe(process.spanContext().spanId);
    expect(ack.attributes).toMatchObject({ 'messaging.operation.name': 'ack', 'messaging.operation.type': 'settle', 'messaging.message.id': id });
    expect([send, process, ack].map((s) => s.status.code)).toEqual([SpanStatusCode.UNSET, SpanStatusCode.UNSET, SpanStatusCode.UNSET]);
  });

  it('a batch: one send span with the message count, a create span per message whose context each message carries', async () => {
    const { queue, tracing } = await traced();
    const ids = await queue.enqueueMany('q', [1, 2, 3].map((n) => queue.createMessage('t', n)));
    const spans = tracing.spans();
    const send = spanNamed(spans, 'send q');
    expect(send.attributes).toMatchObject({ 'messaging.batch.message_count': 3, 'messaging.operation.type': 'send' });
    expect(send.attributes['messaging.message.id']).toBeUndefined();
    expect(spans.filter((s) => s.name === 'create q')).toHaveLength(3);
    const creates = ids.map((id) => spans.find((s) => s.name === 'create q' && s.attributes['messaging.message.id'] === id) as ReadableSpan);
    expect(creates.every((s) => parentOf(s) === send.spanContext().spanId && s.kind === SpanKind.PRODUCER)).toBe(true);
    const carried: string[] = [];
    const done = events(queue, 'completed', 3);
    queue.subscribe('q', (message) => void carried.push(message.metadata.headers.traceparent ?? ''));
    await done;
    expect(carried).toEqual(creates.map((s) => `00-${s.spanContext().traceId}-${s.spanContext().spanId}-01`));
    await expect.poll(() => tracing.spans().filter((s) => s.name === 'process q').length).toBe(3);
    const processes = ids.map((id) => tracing.spans().find((s) => s.name === 'process q' && s.attributes['messaging.message.id'] === id) as ReadableSpan);
    expect(processes.map(parentOf)).toEqual(creates.map((s) => s.spanContext().spanId));
  });

  it('an enqueue inside an active span is its child', async () => {
    const { queue, tracing } = await traced();
    const tracer = tracing.provider.getTracer('test');
    await tracer.startActiveSpan('POST /api/queue/enqueue/chat', async (request) => {
      await queue.enqueue('q', queue.createMessage('t', 1));
      request.end();
    });
    const spans = tracing.spans();
    expect(parentOf(spanNamed(spans, 'send q'))).toBe(spanNamed(spans, 'POST /api/queue/enqueue/chat').spanContext().spanId);
  });

  it('a failing handler: the process span is an error with error.type, then nack (retry) and dead_letter spans', async () => {
    const { queue, clock, tracing } = await traced();
    const retried = events(queue, 'retrying');
    const dead = events(queue, 'deadLetter');
    queue.subscribe('q', () => {
      throw new TypeError('bad payload');
    });
    await queue.enqueue('q', queue.createMessage('t', 1, { maxRetries: 1 }));
    await retried;
    await clock.advance(10);
    await dead;
    await expect.poll(() => tracing.spans().some((s) => s.name === 'dead_letter q')).toBe(true);
    const spans = tracing.spans();
    const processes = spans.filter((s) => s.name === 'process q');
    expect(processes.map((s) => [s.status.code, s.attributes['error.type'], s.attributes['mq.attempt']])).toEqual([
      [SpanStatusCode.ERROR, 'TypeError', 1],
      [SpanStatusCode.ERROR, 'TypeError', 2],
    ]);
    expect(parentOf(spanNamed(spans, 'nack q'))).toBe(processes[0]?.spanContext().spanId);
    expect(parentOf(spanNamed(spans, 'dead_letter q'))).toBe(processes[1]?.spanContext().spanId);
    // Both attempts belong to the producer's trace.
    expect(new Set(processes.map((s) => s.spanContext().traceId))).toEqual(new Set([spanNamed(spans, 'send q').spanContext().traceId]));
  });

  it('a failed enqueue ends its span as an error with the MqError code', async () => {
    const { queue, tracing } = await traced();
    const message = queue.createMessage('t', 1);
    await queue.enqueue('q', message);
    await expect(queue.enqueue('q', message)).rejects.toMatchObject({ code: expect.any(String) });
    const sends = tracing.spans().filter((s) => s.name === 'send q');
    expect(sends.map((s) => s.status.code)).toEqual([SpanStatusCode.UNSET, SpanStatusCode.ERROR]);
    expect(sends[1]?.attributes['error.type']).toMatch(/^MQ_/);
  });

  it('uses the propagator given, and stops when told', async () => {
    const { queue, tracing, stop } = await traced({ propagator: true });
    let headers: Record<string, string> = {};
    const done = events(queue, 'completed');
    queue.subscribe('q', (message) => void (headers = { ...message.metadata.headers }));
    await queue.enqueue('q', queue.createMessage('t', 1));
    await done;
    const send = spanNamed(tracing.spans(), 'send q');
    expect(headers.traceparent).toBe(`00-${send.spanContext().traceId}-${send.spanContext().spanId}-01`);
    stop();
    tracing.reset();
    await queue.enqueue('q', queue.createMessage('t', 2));
    expect(tracing.spans()).toEqual([]);
  });

  it('refuses what it cannot use', async () => {
    const { queue } = await traced();
    expect(() => instrumentQueue({} as MessageQueue)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_ARGUMENT' }));
    expect(() => instrumentQueue(queue, 'x' as never)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringContaining('options must be an object') }));
    expect(() => instrumentQueue(queue, { tracerProvider: {} as never })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringContaining('TracerProvider') }));
    expect(() => instrumentQueue(queue, { propagator: {} as never })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringContaining('TextMapPropagator') }));
  });
});
