import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { MessageQueue } from '@mq/core';
import { createQueueRouter, defineEnqueueRoute } from '@mq/express';
import { createRedisProvider } from '@mq/redis';
import { SpanKind } from '@opentelemetry/api';
import express from 'express';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { instrumentQueue } from '../../src/index.js';
import { memoryTracing, spanNamed, useAsyncContext } from '../helpers/tracing.js';

interface ReportedSpan {
  name: string;
  kind: SpanKind;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  links: string[];
  attributes: Record<string, unknown>;
  pid: number;
}

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
let undoContext: () => void;
beforeAll(() => (undoContext = useAsyncContext()));
afterAll(() => undoContext());

// Any Standard Schema validator serves an enqueue route; this one takes any object.
const anyObject = { '~standard': { version: 1 as const, vendor: 'test', validate: (value: unknown) => ({ value: value as { text: string } }) } };

it('one trace from a REST enqueue through Redis to the handler in another process', async () => {
  const url = `redis://127.0.0.1:${inject('redisPort')}`;
  const prefix = `otel${process.pid}`;
  const queueName = 'chat_messages';
  const worker = fork(fileURLToPath(new URL('../workers/traced-consumer.ts', import.meta.url)), [JSON.stringify({ url, prefix, queueName })], {
    cwd: ROOT,
    execArgv: ['--conditions=@mq/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => worker.once('exit', resolve));
  const reported = new Promise<ReportedSpan[]>((resolve, reject) => {
    worker.on('message', (m: { type: string; spans?: ReportedSpan[] }) => m.type === 'spans' && resolve(m.spans ?? []));
    worker.once('exit', (code) => reject(new Error(`worker exited (${code}) before reporting its spans`)));
  });
  await new Promise<void>((resolve) => worker.on('message', (m: { type: string }) => m.type === 'ready' && resolve()));

  const tracing = memoryTracing();
  const queue = new MessageQueue({ provider: createRedisProvider({ url, prefix }) });
  await queue.connect();
  instrumentQueue(queue, { tracerProvider: tracing.provider });
  const tracer = tracing.provider.getTracer('http');
  const app = express();
  // What HTTP instrumentation does: a SERVER span per request, active while the request is handled.
  app.use((req, res, next) => {
    tracer.startActiveSpan(`${req.method} ${req.path}`, { kind: SpanKind.SERVER }, (span) => {
      res.on('finish', () => span.end());
      next();
    });
  });
  app.use('/api/queue', createQueueRouter(queue, { enqueueRoutes: { chat: defineEnqueueRoute({ queueName, body: anyObject, toMessage: (body) => ({ type: 'chat', payload: body }) }) } }));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/queue/enqueue/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hello' }),
    });
    expect(res.status).toBe(202);
    const workerSpans = await reported;
    expect(await exited).toBe(0);

    const mine = tracing.spans();
    const request = spanNamed(mine, 'POST /api/queue/enqueue/chat');
    const send = spanNamed(mine, `send ${queueName}`);
    const process = workerSpans.find((s) => s.name === `process ${queueName}`) as ReportedSpan;
    const own = workerSpans.find((s) => s.name === 'store reply') as ReportedSpan;
    const ack = workerSpans.find((s) => s.name === `ack ${queueName}`) as ReportedSpan;
    const traceId = request.spanContext().traceId;
    // One trace: request → send (this process) → process → its own work and the ack (the worker).
    expect(send.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(send.spanContext().traceId).toBe(traceId);
    expect(process).toMatchObject({ kind: SpanKind.CONSUMER, traceId, parentSpanId: send.spanContext().spanId, links: [send.spanContext().spanId] });
    expect(process.pid).not.toBe(globalThis.process.pid);
    expect(process.attributes).toMatchObject({ 'messaging.system': 'mq', 'messaging.destination.name': queueName, 'mq.provider': 'redis', 'messaging.message.id': send.attributes['messaging.message.id'] });
    expect(own).toMatchObject({ traceId, parentSpanId: process.spanId });
    expect(ack).toMatchObject({ traceId, parentSpanId: process.spanId, attributes: expect.objectContaining({ 'messaging.operation.type': 'settle' }) });
  } finally {
    if (worker.exitCode === null && worker.pid !== undefined) process.kill(worker.pid, 'SIGKILL');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await queue.deleteQueue(queueName);
    await queue.disconnect();
  }
});

declare module 'vitest' {
  export interface ProvidedContext {
    redisPort: number;
  }
}
