import { MessageQueue } from '@mq/core';
import type { QueueProvider, TakenRecord } from '@mq/core/provider';
import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** `provider` as it is, recording the ids each doTake handed out, in the order the takes were made. */
function recordingTakes(provider: QueueProvider): { provider: QueueProvider; handedOut: () => string[] } {
  const takes: string[][] = [];
  const recording = new Proxy(provider, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key === 'doTake' && typeof value === 'function') {
        return (...args: unknown[]) => {
          const ids: string[] = [];
          takes.push(ids);
          return (Reflect.apply(value, target, args) as Promise<TakenRecord[]>).then((records) => {
            for (const record of records) ids.push(record.id);
            return records;
          });
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as QueueProvider;
  return { provider: recording, handedOut: () => takes.flat() };
}

/** Higher priority first; FIFO within a priority. */
export function orderingCases(h: ContractHarness): void {
  it('takes higher priorities first', async () => {
    const { queue } = await h.setup();
    for (const priority of [3, 9, 1, 10, 5]) await queue.enqueue('q', queue.createMessage('t', { priority }, { priority }));
    const seen: number[] = [];
    for (let m = await queue.dequeue('q'); m !== null; m = await queue.dequeue('q')) seen.push(m.priority);
    expect(seen).toEqual([10, 9, 5, 3, 1]);
  });

  h.it('keeps FIFO order within a priority, including across enqueueMany', { ordering: 'strict' }, async () => {
    const { queue } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', { n: 0 }, { priority: 7 }));
    await queue.enqueueMany('q', [1, 2, 3].map((n) => queue.createMessage('t', { n }, { priority: 7 })));
    await queue.enqueue('q', queue.createMessage('t', { n: 'high' }, { priority: 8 }));
    await queue.enqueue('q', queue.createMessage('t', { n: 4 }, { priority: 7 }));
    const seen: unknown[] = [];
    for (let m = await queue.dequeue('q'); m !== null; m = await queue.dequeue('q')) seen.push((m.payload as { n: unknown }).n);
    expect(seen).toEqual(['high', 0, 1, 2, 3, 4]);
  });

  it('defaults to priority 5 and returns the message as it was created', async () => {
    const { queue } = await h.setup();
    const created = queue.createMessage('greeting', { text: 'hi', at: new Date(0) }, { userId: 'u1', conversationId: 'c1', correlationId: 'r1', headers: { traceparent: 'x' } });
    await queue.enqueue('q', created);
    const taken = await queue.dequeue('q');
    expect(taken).toMatchObject({
      id: created.id,
      type: 'greeting',
      payload: { text: 'hi', at: '1970-01-01T00:00:00.000Z' },
      priority: 5,
      createdAt: created.createdAt,
      attempts: 1,
      maxRetries: 3,
      queueName: 'q',
      metadata: { userId: 'u1', conversationId: 'c1', correlationId: 'r1', headers: { traceparent: 'x' } },
    });
  });

  it('starts the handlers of one subscriber at concurrency 50 in the order its takes handed the messages out', async () => {
    const { provider, clock } = await h.setup();
    const recorded = recordingTakes(provider);
    const queue = new MessageQueue({ provider: recorded.provider, clock });
    await queue.connect();
    try {
      let seed = 12_345;
      const nextPriority = (): number => 1 + ((seed = (seed * 48_271) % 2_147_483_647) % 10);
      const total = 2000;
      await queue.enqueueMany('q', Array.from({ length: total }, (_, n) => queue.createMessage('t', n, { priority: nextPriority() })));
      const started: { id: string; priority: number }[] = [];
      queue.subscribe('q', (m) => void started.push({ id: m.id, priority: m.priority }), { concurrency: 50 });
      await h.eventually(() => expect(started).toHaveLength(total));
      expect(started.map((s) => s.id)).toEqual(recorded.handedOut());
      // Everything was waiting before the subscriber started: the store handed it out by priority.
      expect(started.findIndex((s, i) => i > 0 && s.priority > (started[i - 1]?.priority ?? 10))).toBe(-1);
    } finally {
      await queue.disconnect();
    }
  });

  it('returns null from an empty queue', async () => {
    const { queue } = await h.setup();
    expect(await queue.dequeue('empty')).toBeNull();
  });
}
