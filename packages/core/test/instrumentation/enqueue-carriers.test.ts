import { createPayloadPipeline, isMqError, type CallOutcome, type ReceivedMessage } from '@mq/core';
import { describe, expect, it, vi } from 'vitest';
import { openQueue } from '../support/open-queue.js';
import { confidentialStage } from '../support/test-stages.js';

describe('onEnqueue', () => {
  it('gets one carrier per message before encoding; what it writes reaches the handler as headers', async () => {
    const outcomes: CallOutcome[] = [];
    const seen: unknown[] = [];
    const { queue } = await openQueue({
      instrumentation: [
        {
          onEnqueue(info) {
            seen.push([info.queueName, info.messages.map((m) => m.id), info.carriers.map((c) => ({ ...c }))]);
            info.carriers.forEach((carrier, i) => {
              carrier.traceparent = `00-trace-${info.messages[i]?.id ?? ''}-01`;
              carrier.tracestate = 'mq=1';
            });
            return (outcome) => void outcomes.push(outcome);
          },
        },
      ],
    });
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a', headers: { own: 'kept', traceparent: 'replaced' } }));
    await queue.enqueueMany('q', [queue.createMessage('t', 2, { id: 'b' }), queue.createMessage('t', 3, { id: 'c', userId: 'u' })]);
    expect(seen).toEqual([
      ['q', ['a'], [{}]],
      ['q', ['b', 'c'], [{}, {}]],
    ]);
    expect(outcomes).toEqual([
      { ok: true, durationMs: 0 },
      { ok: true, durationMs: 0 },
    ]);
    const handled: ReceivedMessage[] = [];
    const subscription = queue.subscribe('q', (message) => void handled.push(message), { concurrency: 3 });
    await vi.waitFor(() => expect(handled).toHaveLength(3));
    expect(handled.map((m) => [m.id, m.metadata])).toEqual([
      ['a', { headers: { own: 'kept', traceparent: '00-trace-a-01', tracestate: 'mq=1' } }],
      ['b', { headers: { traceparent: '00-trace-b-01', tracestate: 'mq=1' } }],
      ['c', { userId: 'u', headers: { traceparent: '00-trace-c-01', tracestate: 'mq=1' } }],
    ]);
    await subscription.close();
    await queue.disconnect();
  });

  it('carries the headers sealed when a stage is confidential', async () => {
    const { queue, stored } = await openQueue({
      pipeline: createPayloadPipeline({ stages: [confidentialStage()] }),
      instrumentation: [{ onEnqueue: (info) => void info.carriers.forEach((c) => (c.traceparent = '00-sealed-trace-01')) }],
    });
    await queue.enqueue('q', queue.createMessage('t', 1));
    expect(Buffer.from(stored[0]?.data ?? '').toString('latin1')).not.toContain('sealed-trace');
    expect((await queue.dequeue('q'))?.metadata.headers).toEqual({ traceparent: '00-sealed-trace-01' });
    await queue.disconnect();
  });

  it('sees an enqueue fail, and the enqueued event shows the stored headers', async () => {
    const outcomes: CallOutcome[] = [];
    const { queue } = await openQueue({
      instrumentation: [{ onEnqueue: (info) => ((info.carriers[0] as Record<string, string>).traceparent = 'tp', (outcome) => void outcomes.push(outcome)) }],
    });
    const events: unknown[] = [];
    queue.on('enqueued', ({ message }) => events.push(message.metadata.headers));
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' }));
    await expect(queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' }))).rejects.toSatisfy((e) => isMqError(e, 'MQ_DUPLICATE_MESSAGE_ID'));
    expect(outcomes.map((o) => [o.ok, isMqError(o.error) ? o.error.code : o.error])).toEqual([
      [true, undefined],
      [false, 'MQ_DUPLICATE_MESSAGE_ID'],
    ]);
    expect(events).toEqual([{ traceparent: 'tp' }]);
    await queue.disconnect();
  });

  it('reports a carrier entry that is not a string and stores the others', async () => {
    const { queue, errors } = await openQueue({
      instrumentation: [
        {
          onEnqueue(info) {
            const carrier = info.carriers[0] as Record<string, unknown>;
            carrier.good = 'yes';
            carrier.bad = 42;
          },
        },
      ],
    });
    await queue.enqueue('q', queue.createMessage('t', 1));
    expect((await queue.dequeue('q'))?.metadata.headers).toEqual({ good: 'yes' });
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/header "bad"/)]);
    await queue.disconnect();
  });
});
