import { ManualClock, MessageQueue, type PayloadCodec } from '@mq/core';
import { InMemoryProvider } from '@mq/memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wrapProvider } from '../support/wrapped-provider.js';

const reversed: PayloadCodec = {
  name: 'reversed-json',
  encode: (payload) => [...JSON.stringify(payload)].reverse().join(''),
  decode: (text) => JSON.parse([...text].reverse().join('')) as unknown,
};

async function twoQueues(): Promise<{ a: MessageQueue; b: MessageQueue; stored: { data: unknown }[] }> {
  const clock = new ManualClock(5000);
  const { provider, stored } = wrapProvider(new InMemoryProvider({ clock }), {});
  const a = new MessageQueue({ provider, clock });
  const b = new MessageQueue({ provider, clock, codec: reversed });
  await a.connect();
  await b.connect();
  return { a, b, stored };
}

afterEach(() => vi.restoreAllMocks());

describe('envelope and name caches are per queue', () => {
  it('two queues with different codecs, interleaving types, metadata and queue names, each write and read their own', async () => {
    const { a, b, stored } = await twoQueues();
    await a.enqueue('qa', a.createMessage('x', 1, { id: 'a1' }));
    await b.enqueue('qb', b.createMessage('x', 2, { id: 'b1' }));
    await a.enqueue('qa', a.createMessage('y', 3, { id: 'a2', userId: 'u' }));
    await b.enqueue('qb', b.createMessage('y', 4, { id: 'b2', userId: 'u' }));
    await a.enqueue('qa', a.createMessage('x', 5, { id: 'a3' }));
    await b.enqueue('qb', b.createMessage('x', 6, { id: 'b3' }));
    expect(stored.map((r) => String(r.data).split('\n')[0])).toEqual([
      '[1,"json","x",5000,3,0]',
      '[1,"reversed-json","x",5000,3,0]',
      '[1,"json","y",5000,3,0,{"u":"u","h":{}}]',
      '[1,"reversed-json","y",5000,3,0,{"u":"u","h":{}}]',
      '[1,"json","x",5000,3,0]',
      '[1,"reversed-json","x",5000,3,0]',
    ]);
    const read: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      for (const [queue, name] of [[a, 'qa'], [b, 'qb']] as const) {
        const message = await queue.dequeue(name);
        read.push([message?.id, message?.type, message?.payload, message?.metadata.userId]);
      }
    }
    expect(read).toEqual([
      ['a1', 'x', 1, undefined],
      ['b1', 'x', 2, undefined],
      ['a2', 'y', 3, 'u'],
      ['b2', 'y', 4, 'u'],
      ['a3', 'x', 5, undefined],
      ['b3', 'x', 6, undefined],
    ]);
    await Promise.all([a.disconnect(), b.disconnect()]);
  });

  it('a run of alike messages is parsed once per queue, even while another queue reads its own in between', async () => {
    const { a, b } = await twoQueues();
    await a.enqueueMany('qa', [a.createMessage('x', 1), a.createMessage('x', 2), a.createMessage('x', 3)]);
    await b.enqueueMany('qb', [b.createMessage('y', 4), b.createMessage('y', 5), b.createMessage('y', 6)]);
    const parse = vi.spyOn(JSON, 'parse');
    for (let i = 0; i < 3; i++) {
      await a.dequeue('qa');
      await b.dequeue('qb');
    }
    const headerParses = parse.mock.calls.filter(([text]) => String(text).startsWith('[1,'));
    expect(headerParses.map(([text]) => text)).toEqual(['[1,"json","x",5000,3,0]', '[1,"reversed-json","y",5000,3,0]']);
    await Promise.all([a.disconnect(), b.disconnect()]);
  });
});
