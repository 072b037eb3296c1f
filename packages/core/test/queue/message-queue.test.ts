import { ManualClock, MessageQueue, type PayloadCodec } from '@mq/core';
import { createInMemoryQueue, InMemoryProvider } from '@mq/memory';
import { inspectMemoryQueue } from '@mq/memory/testing';
import { describe, expect, it } from 'vitest';

describe('MessageQueue events', () => {
  it('emits enqueued, processing and completed with the message', async () => {
    const queue = createInMemoryQueue();
    await queue.connect();
    const seen: string[] = [];
    queue.on('enqueued', ({ queueName }) => seen.push(`enqueued:${queueName}`));
    queue.on('processing', ({ message }) => seen.push(`processing:${message.attempts}`));
    queue.on('completed', ({ message, durationMs }) => seen.push(`completed:${message.id === id}:${durationMs >= 0}`));
    const id = await queue.enqueue('q', queue.createMessage('t', 1));
    const message = await queue.dequeue('q');
    if (message === null) throw new Error('expected a message');
    await queue.ack(message);
    expect(seen).toEqual(['enqueued:q', 'processing:1', 'completed:true:true']);
    await queue.disconnect();
  });

  it('delivers completed and dead-lettered messages to subscribeEvents() on one instance', async () => {
    const queue = createInMemoryQueue();
    await queue.connect();
    const events: unknown[] = [];
    const stop = await queue.subscribeEvents((e) => events.push({ event: e.event, queue: e.queueName, payload: e.message.payload, error: e.error?.message }));
    await queue.enqueue('q', queue.createMessage('t', 'ok'));
    await queue.enqueue('q', queue.createMessage('t', 'bad', { maxRetries: 0 }));
    const ok = await queue.dequeue('q');
    const bad = await queue.dequeue('q');
    if (ok === null || bad === null) throw new Error('expected messages');
    await queue.ack(ok);
    await queue.nack(bad, new Error('broken'));
    await stop();
    await queue.enqueue('q', queue.createMessage('t', 'after stop'));
    const after = await queue.dequeue('q');
    if (after !== null) await queue.ack(after);
    expect(events).toEqual([
      { event: 'completed', queue: 'q', payload: 'ok', error: undefined },
      { event: 'deadLetter', queue: 'q', payload: 'bad', error: 'broken' },
    ]);
    await queue.disconnect();
  });

  it('passes payloads through the configured codec, and reads older codecs', async () => {
    const clock = new ManualClock();
    const provider = new InMemoryProvider({ clock });
    const reversed: PayloadCodec = {
      name: 'reversed-json',
      encode: (payload) => JSON.stringify(payload).split('').reverse().join(''),
      decode: (text) => JSON.parse(text.split('').reverse().join('')) as unknown,
    };
    const writer = new MessageQueue({ provider, clock, codec: reversed });
    await writer.connect();
    await writer.enqueue('q', writer.createMessage('t', { secret: 'abc' }));
    expect(inspectMemoryQueue(provider, 'q')?.waiting).toBe(1);
    const reader = new MessageQueue({ provider, clock, readCodecs: [reversed] });
    await reader.connect();
    expect((await reader.dequeue('q'))?.payload).toEqual({ secret: 'abc' });
    const plain = new MessageQueue({ provider, clock });
    await plain.connect();
    await writer.enqueue('q', writer.createMessage('t', { secret: 'def' }));
    await expect(plain.dequeue('q')).resolves.toBeNull();
    const [undecodable] = await plain.deadLetters('q');
    expect(undecodable).toMatchObject({ payload: null, error: { code: 'MQ_DECODE_FAILED' }, decodeError: { message: expect.stringMatching(/reversed-json/) } });
    expect((await reader.deadLetters('q'))[0]?.payload).toEqual({ secret: 'def' });
    await Promise.all([writer.disconnect(), reader.disconnect(), plain.disconnect()]);
  });

  it('reports health in the spec\'s shape', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 6, 20, 10));
    const queue = createInMemoryQueue({ clock });
    expect(await queue.health()).toEqual({ healthy: false, provider: 'memory', timestamp: '2025-01-06T20:10:00.000Z' });
    await queue.connect();
    expect(await queue.health()).toEqual({ healthy: true, provider: 'memory', timestamp: '2025-01-06T20:10:00.000Z' });
    await queue.disconnect();
  });
});
