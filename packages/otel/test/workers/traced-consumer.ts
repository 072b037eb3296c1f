// A consumer in its own process: traces its handler runs with @mq/otel and sends its finished spans
// to the parent over IPC. Config (argv[2], JSON): { url, prefix, queueName }.
import { MessageQueue } from '@mq/core';
import { createRedisProvider } from '@mq/redis';
import { instrumentQueue } from '../../src/index.js';
import { memoryTracing, useAsyncContext } from '../helpers/tracing.js';

const { url, prefix, queueName } = JSON.parse(process.argv[2] ?? '{}') as { url: string; prefix: string; queueName: string };
const send = (message: object) => process.send?.(message);

useAsyncContext();
const tracing = memoryTracing();
const queue = new MessageQueue({ provider: createRedisProvider({ url, prefix }) });
await queue.connect();
instrumentQueue(queue, { tracerProvider: tracing.provider });
const tracer = tracing.provider.getTracer('worker');
queue.subscribe(queueName, async (message) => {
  // Work of the handler's own, inside the process span.
  await tracer.startActiveSpan('store reply', async (span) => {
    await Promise.resolve(message.payload);
    span.end();
  });
});
queue.on('completed', () => {
  // The ack's span ends once the store answered: wait for it, then report and leave.
  const report = () => {
    const spans = tracing.spans();
    if (!spans.some((s) => s.name.startsWith('ack '))) return void setImmediate(report);
    send({
      type: 'spans',
      spans: spans.map((s) => ({
        name: s.name,
        kind: s.kind,
        traceId: s.spanContext().traceId,
        spanId: s.spanContext().spanId,
        parentSpanId: s.parentSpanContext?.spanId,
        links: s.links.map((l) => l.context.spanId),
        attributes: s.attributes,
        pid: process.pid,
      })),
    });
    void queue.disconnect().then(() => process.exit(0));
  };
  report();
});
send({ type: 'ready' });
