import { createPayloadPipeline } from '@mq/core';
import { describe, expect, it } from 'vitest';
import { openQueue } from '../support/open-queue.js';
import { xorStage } from '../support/test-stages.js';

// Envelope v1 as every release so far wrote it: a JSON header line, a newline, the JSON payload.
const V1_PLAIN = '[1,"json","greeting",1700000000000,3,0]\n{"hello":"world"}';
const V1_META = '[1,"json","greeting",1700000000000,2,0,{"u":"u1","c":"c1","r":"r1","h":{"traceparent":"00-1-2-01"}}]\n[1,"two",null]';

describe('envelope v1 (today\'s stored format)', () => {
  it('is what the default pipeline writes, byte for byte', async () => {
    const { queue, stored } = await openQueue();
    await queue.enqueue('q', queue.createMessage('greeting', { hello: 'world' }));
    const headers = { traceparent: '00-1-2-01' };
    await queue.enqueue('q', queue.createMessage('greeting', [1, 'two', null], { maxRetries: 2, userId: 'u1', conversationId: 'c1', correlationId: 'r1', headers }));
    expect(stored.map((r) => r.data)).toEqual([V1_PLAIN, V1_META]);
    await queue.disconnect();
  });

  it.each([
    ['the default pipeline', undefined],
    ['a pipeline with stages', createPayloadPipeline({ stages: [xorStage(9)] })],
  ])('is read by %s', async (_title, pipeline) => {
    const { queue, inner } = await openQueue(pipeline === undefined ? {} : { pipeline });
    await inner.doEnqueue('q', [
      { id: 'a', priority: 5, delayMs: 0, data: V1_PLAIN },
      { id: 'b', priority: 5, delayMs: 0, data: V1_META },
    ]);
    expect(await queue.dequeue('q')).toMatchObject({ id: 'a', type: 'greeting', payload: { hello: 'world' }, createdAt: 1_700_000_000_000, maxRetries: 3, metadata: { headers: {} } });
    expect(await queue.dequeue('q')).toMatchObject({
      id: 'b',
      payload: [1, 'two', null],
      maxRetries: 2,
      metadata: { userId: 'u1', conversationId: 'c1', correlationId: 'r1', headers: { traceparent: '00-1-2-01' } },
    });
    await queue.disconnect();
  });

  it('keeps the codec and readCodecs options: a codec is a serializer, and messages of every configured one are read', async () => {
    const reversed = { name: 'reversed-json', encode: (p: unknown) => [...JSON.stringify(p)].reverse().join(''), decode: (t: string) => JSON.parse([...t].reverse().join('')) as unknown };
    const writer = await openQueue({ codec: reversed });
    await writer.queue.enqueue('q', writer.queue.createMessage('t', { n: 1 }));
    expect(writer.stored[0]?.data).toBe('[1,"reversed-json","t",1700000000000,3,0]\n}1:"n"{');
    const reader = await openQueue({ inner: writer.inner, clock: writer.clock, readCodecs: [reversed], pipeline: createPayloadPipeline({ stages: [xorStage(1)] }) });
    expect((await reader.queue.dequeue('q'))?.payload).toEqual({ n: 1 });
    await Promise.all([writer.queue.disconnect(), reader.queue.disconnect()]);
  });
});
