import { createPayloadPipeline, ManualClock, MessageQueue } from '@mq/core';
import type { QueueProvider, RecordData, WireEvent } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it, vi } from 'vitest';
import { openQueue } from '../support/open-queue.js';
import { wrapProvider } from '../support/wrapped-provider.js';
import { asyncStage, confidentialStage, decliningStage, xorStage } from '../support/test-stages.js';

const PAYLOADS: unknown[] = [
  null,
  true,
  false,
  0,
  -1.5,
  1e21,
  '',
  'ünïcødé ✓ 🎉',
  'line\nbreak \u2028 "quotes" \\ \u0000',
  [],
  [1, 'a', null, [2, [3]]],
  {},
  { nested: { deep: [{ a: 1 }, { b: 'two' }] }, 'key with space': 'v', '': 0 },
  'x'.repeat(5000),
];

const decoder = new TextDecoder();

/** The header line and the body of stored data, as text (the body base64 or raw bytes). */
function split(data: RecordData): { header: unknown[]; body: string | Uint8Array } {
  if (typeof data === 'string') {
    const at = data.indexOf('\n');
    return { header: JSON.parse(data.slice(0, at)) as unknown[], body: data.slice(at + 1) };
  }
  const at = data.indexOf(10);
  return { header: JSON.parse(decoder.decode(data.subarray(0, at))) as unknown[], body: data.subarray(at + 1) };
}

describe.each([
  ['bytes (binaryData: true)', true],
  ['base64 text (binaryData: false)', false],
])('a pipeline with stages, stored as %s', (_title, binaryData) => {
  it('round-trips every JSON payload shape and the metadata, recording the stages that ran with their params', async () => {
    const pipeline = createPayloadPipeline({ stages: [xorStage(7), asyncStage(), decliningStage(1000)] });
    const { queue, stored } = await openQueue({ binaryData, pipeline });
    const options = { userId: 'u1', conversationId: 'c1', correlationId: 'r1', headers: { traceparent: '00-abc-01', 'x-ünï': 'välue' } };
    const ids = [];
    for (const payload of PAYLOADS) ids.push(await queue.enqueue('q', queue.createMessage('t', payload, options)));
    for (const [i, payload] of PAYLOADS.entries()) {
      const message = await queue.dequeue('q');
      expect(message).toMatchObject({ id: ids[i], type: 't', payload, metadata: { ...options } });
      if (message !== null) await queue.ack(message);
    }
    expect(stored).toHaveLength(PAYLOADS.length);
    for (const [i, record] of stored.entries()) {
      expect(typeof record.data).toBe(binaryData ? 'object' : 'string');
      if (typeof record.data === 'string') {
        // Valid text: survives a UTF-8 round trip; the body is base64.
        expect(Buffer.from(record.data, 'utf8').toString('utf8')).toBe(record.data);
        expect(split(record.data).body).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      } else {
        expect(record.data).toBeInstanceOf(Uint8Array);
      }
      const { header } = split(record.data);
      const long = JSON.stringify(PAYLOADS[i]).length >= 1000;
      expect(header[0]).toBe(2);
      expect(header[6]).toBe(binaryData ? 'binary' : 'base64');
      expect(header[7]).toEqual([['xor', 'k=7'], ['reverse', 'v1'], ...(long ? [['marker', '']] : [])]);
    }
    await queue.disconnect();
  });

  it('keeps the metadata out of what is stored when a stage is confidential, and hands it to the consumer', async () => {
    const { queue, stored } = await openQueue({ binaryData, pipeline: createPayloadPipeline({ stages: [confidentialStage()] }) });
    const secrets = { userId: 'user-secret-1', conversationId: 'conv-secret-2', correlationId: 'corr-secret-3', headers: { 'x-secret-header': 'header-secret-4' } };
    await queue.enqueue('q', queue.createMessage('t', { text: 'payload-secret-5' }, secrets));
    const [record] = stored;
    if (record === undefined) throw new Error('expected a stored record');
    const text = typeof record.data === 'string' ? record.data + Buffer.from(split(record.data).body as string, 'base64').toString('latin1') : Buffer.from(record.data).toString('latin1');
    for (const secret of ['user-secret-1', 'conv-secret-2', 'corr-secret-3', 'x-secret-header', 'header-secret-4', 'payload-secret-5']) expect(text).not.toContain(secret);
    expect(split(record.data).header[8]).toBe('sealed');
    const message = await queue.dequeue('q');
    expect(message).toMatchObject({ payload: { text: 'payload-secret-5' }, metadata: secrets });
    await queue.disconnect();
  });

  it('reads staged messages back in a subscription, in dead letters and in its events', async () => {
    const { queue } = await openQueue({ binaryData, pipeline: createPayloadPipeline({ stages: [asyncStage(), confidentialStage()] }) });
    const events: unknown[] = [];
    const stop = await queue.subscribeEvents((event) => events.push([event.event, event.message.payload, event.message.metadata.userId]));
    await queue.enqueueMany('q', [queue.createMessage('t', { n: 1 }, { userId: 'u' }), queue.createMessage('t', { n: 2 }, { userId: 'u', maxRetries: 0 })]);
    const handled: unknown[] = [];
    const subscription = queue.subscribe('q', (message) => {
      handled.push(message.payload);
      if ((message.payload as { n: number }).n === 2) throw new Error('no');
    });
    await vi.waitFor(async () => expect((await queue.deadLetters('q')).map((d) => [d.payload, d.metadata.userId, d.decodeError])).toEqual([[{ n: 2 }, 'u', undefined]]));
    expect(handled).toEqual([{ n: 1 }, { n: 2 }]);
    expect(events).toEqual([
      ['completed', { n: 1 }, 'u'],
      ['deadLetter', { n: 2 }, 'u'],
    ]);
    await subscription.close();
    await stop();
    await queue.disconnect();
  });
});

describe('a pipeline with stages, across instances', () => {
  it('sends events sealed as text and reads them back on every instance', async () => {
    const listeners = new Set<(event: WireEvent) => void>();
    const sent: WireEvent[] = [];
    // An event bus in this process, as a provider with crossInstanceEvents carries one.
    const bus: Partial<QueueProvider> = {
      doPublishEvent: (event) => {
        sent.push(event);
        for (const listener of listeners) listener(event);
        return Promise.resolve();
      },
      doSubscribeEvents: (listener) => {
        listeners.add(listener);
        return Promise.resolve(() => Promise.resolve(void listeners.delete(listener)));
      },
    };
    const clock = new ManualClock();
    const pipeline = createPayloadPipeline({ stages: [asyncStage(), confidentialStage()] });
    const { provider } = wrapProvider(new InMemoryProvider({ clock }), { crossInstanceEvents: true, binaryData: true }, bus);
    const producer = new MessageQueue({ provider, clock, pipeline, publishEvents: true });
    const watcher = new MessageQueue({ provider, clock, pipeline });
    await Promise.all([producer.connect(), watcher.connect()]);
    const seen: unknown[] = [];
    const stop = await watcher.subscribeEvents((event) => seen.push([event.event, event.message.payload, event.message.metadata.userId]));
    await producer.enqueue('q', producer.createMessage('t', { n: 1 }, { userId: 'secret-user' }));
    const message = await producer.dequeue('q');
    if (message === null) throw new Error('expected a message');
    await producer.ack(message);
    await vi.waitFor(() => expect(seen).toEqual([['completed', { n: 1 }, 'secret-user']]));
    expect(sent).toHaveLength(1);
    expect(typeof sent[0]?.data).toBe('string');
    expect(sent[0]?.data).not.toContain('secret-user');
    await stop();
    await Promise.all([producer.disconnect(), watcher.disconnect()]);
  });
});

describe('a pipeline whose stages all decline', () => {
  it('stores today\'s text format (nothing ran, nothing is sealed)', async () => {
    const { queue, stored } = await openQueue({ pipeline: createPayloadPipeline({ stages: [decliningStage(1000)] }) });
    await queue.enqueue('q', queue.createMessage('t', { small: true }, { id: 'm1' }));
    expect(stored[0]?.data).toBe('[1,"json","t",1700000000000,3,0]\n{"small":true}');
    expect((await queue.dequeue('q'))?.payload).toEqual({ small: true });
    await queue.disconnect();
  });
});
