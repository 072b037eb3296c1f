import { isMqError, ManualClock, MessageQueue } from '@mq/core';
import { priorityLevelQueueName, type QueueProvider } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { createLimitedProvider, inspectMemoryQueue } from '@mq/memory/testing';
import { describe, expect, it } from 'vitest';
import { adaptProvider, effectiveCapabilities } from '../../src/capabilities/adapt-provider.js';
import { normalizeCapabilities } from '../../src/provider/normalize-capabilities.js';

async function open(provider: QueueProvider, clock: ManualClock): Promise<MessageQueue> {
  const queue = new MessageQueue({ provider, clock, retry: { jitter: 0 } });
  await queue.connect();
  return queue;
}

/** Every doX call a provider gets, as "doX queueName". */
function counting(provider: QueueProvider): { provider: QueueProvider; calls: string[] } {
  const calls: string[] = [];
  const proxy = new Proxy(provider, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (typeof key === 'string' && key.startsWith('do')) calls.push(`${key} ${String(args[0])}`);
        return Reflect.apply(value, target, args);
      };
    },
  }) as QueueProvider;
  return { provider: proxy, calls };
}

describe('adaptProvider()', () => {
  it('returns a provider that needs nothing emulated as it is: no wrapper for memory (and Redis)', () => {
    const memory = new InMemoryProvider();
    expect(adaptProvider(memory, normalizeCapabilities(memory.capabilities), new ManualClock())).toBe(memory);
    const blocking = createLimitedProvider({ blockingTake: true, counts: 'approximate', ordering: 'best-effort' });
    expect(adaptProvider(blocking, normalizeCapabilities(blocking.capabilities), new ManualClock())).toBe(blocking);
  });

  it('says what the core offers over a store after emulating what it lacks', () => {
    const lacking = normalizeCapabilities({ sharedAcrossProcesses: true, durable: true, crossInstanceEvents: false, priorities: 'none', fencedAcks: false, maxDelayMs: 900_000 });
    expect(effectiveCapabilities(lacking)).toMatchObject({ priorities: 'native', fencedAcks: true, maxDelayMs: Infinity, atomicBatchEnqueue: false, deadLetters: 'listable' });
    const wrapped = adaptProvider(createLimitedProvider({ fencedAcks: false }), lacking, new ManualClock());
    expect(wrapped.capabilities).toEqual(effectiveCapabilities(lacking));
    expect(wrapped.name).toBe('limited');
  });
});

describe('priorities none: one sub-queue per level', () => {
  it('takes higher levels first and keeps each level first in, first out', async () => {
    const clock = new ManualClock();
    const store = createLimitedProvider({ clock, priorities: 'none' });
    const queue = await open(store, clock);
    for (const [n, priority] of [[1, 2], [2, 9], [3, 2], [4, 9], [5, 5]] as const) await queue.enqueue('q', queue.createMessage('t', n, { priority }));
    await queue.enqueueMany('q', [6, 7].map((n) => queue.createMessage('t', n, { priority: 10 - n })));
    const seen: [unknown, number][] = [];
    for (let m = await queue.dequeue('q'); m !== null; m = await queue.dequeue('q')) seen.push([m.payload, m.priority]);
    expect(seen).toEqual([[2, 9], [4, 9], [5, 5], [6, 4], [7, 3], [1, 2], [3, 2]]);
    await queue.disconnect();
  });

  it('keeps each level in its own store queue, named <queue>:mq-p<level>, and counts, lists, purges and deletes across them', async () => {
    const clock = new ManualClock();
    const store = createLimitedProvider({ clock, priorities: 'none' });
    const queue = await open(store, clock);
    await queue.enqueueMany('q', [1, 5, 5, 10].map((priority) => queue.createMessage('t', priority, { priority })));
    expect(priorityLevelQueueName('q', 5)).toBe('q:mq-p5');
    expect(inspectMemoryQueue(store, 'q:mq-p5')).toMatchObject({ waiting: 2 });
    expect(inspectMemoryQueue(store, 'q:mq-p10')).toMatchObject({ waiting: 1 });
    expect((await store.doListQueues()).sort()).toEqual(['q:mq-p1', 'q:mq-p10', 'q:mq-p5']);
    expect(await queue.listQueues({ allQueues: true })).toEqual(['q']);
    expect(await queue.getStats('q')).toMatchObject({ pendingMessages: 4 });
    const dead = await queue.dequeue('q');
    if (dead === null) throw new Error('expected a message');
    await queue.nack(dead, new Error('x'));
    await clock.advance(1000);
    expect(await queue.purge('q')).toBe(4);
    await queue.deleteQueue('q');
    expect(await store.doListQueues()).toEqual([]);
    await queue.disconnect();
  });

  it('lists dead letters of all levels oldest first, with offset and limit, and replays them to their level', async () => {
    const clock = new ManualClock();
    const queue = await open(createLimitedProvider({ clock, priorities: 'none' }), clock);
    const start = clock.now();
    for (const priority of [3, 8, 3, 1]) {
      await queue.enqueue('q', queue.createMessage('t', priority, { priority, maxRetries: 0, id: `p${priority}-${clock.now()}` }));
      const m = await queue.dequeue('q');
      if (m === null) throw new Error('expected a message');
      await queue.nack(m);
      await clock.advance(10);
    }
    const listed = await queue.deadLetters('q');
    expect(listed.map((d) => [d.priority, d.failedAt - start])).toEqual([[3, 0], [8, 10], [3, 20], [1, 30]]);
    expect((await queue.deadLetters('q', { offset: 1, limit: 2 })).map((d) => d.failedAt - start)).toEqual([10, 20]);
    expect((await queue.replayDeadLetters('q')).replayed).toHaveLength(4);
    expect((await queue.dequeue('q'))?.priority).toBe(8);
    await queue.disconnect();
  });

  it('refuses a queue name that is a level\'s store queue or too long to carry the level', async () => {
    const clock = new ManualClock();
    const queue = await open(createLimitedProvider({ clock, priorities: 'none' }), clock);
    await expect(queue.enqueue('q:mq-p5', queue.createMessage('t', 1))).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_QUEUE_NAME'));
    await expect(queue.enqueue('x'.repeat(128), queue.createMessage('t', 1))).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_QUEUE_NAME'));
    await queue.enqueue('x'.repeat(121), queue.createMessage('t', 1));
    await queue.disconnect();
  });
});

describe('fencedAcks false: the core refuses late settlements itself', () => {
  it('refuses an ack, nack or give-back whose lease expired by the clock, before calling the store', async () => {
    const clock = new ManualClock();
    const store = counting(createLimitedProvider({ clock, fencedAcks: false }));
    const queue = await open(store.provider, clock);
    await queue.enqueueMany('q', ['a', 'b'].map((id) => queue.createMessage('t', id, { id })));
    const a = await queue.dequeue('q', { visibilityTimeoutMs: 100 });
    const b = await queue.dequeue('q', { visibilityTimeoutMs: 100 });
    if (a === null || b === null) throw new Error('expected messages');
    await clock.advance(100);
    await queue.ack(a);
    await clock.advance(1);
    store.calls.length = 0;
    await expect(queue.ack(b)).rejects.toSatisfy((e) => isMqError(e, 'MQ_LEASE_LOST'));
    await expect(queue.nack(b, new Error('late'))).rejects.toSatisfy((e) => isMqError(e, 'MQ_LEASE_LOST'));
    expect(store.calls).toEqual([]);
    // The store would have taken it: the message is still there for the next consumer.
    expect((await queue.dequeue('q'))?.id).toBe('b');
    expect((await queue.getStats('q')).completedMessages).toBe(1);
    await queue.disconnect();
  });
});

describe('maxDelayMs: longer delays are re-scheduled until due', () => {
  it('stores a long delay as the longest the store takes, and hands the message out only when due, its attempts intact', async () => {
    const clock = new ManualClock();
    const store = createLimitedProvider({ clock, maxDelayMs: 1000 });
    const queue = await open(store, clock);
    await queue.enqueue('q', queue.createMessage('t', 'later', { delayMs: 3500, maxRetries: 5 }));
    for (const step of [1000, 1000, 1000, 499]) {
      await clock.advance(step);
      expect(await queue.dequeue('q')).toBeNull();
    }
    expect(await queue.getStats('q')).toMatchObject({ pendingMessages: 1, processingMessages: 0 });
    await clock.advance(1);
    const message = await queue.dequeue('q');
    expect(message).toMatchObject({ payload: 'later', attempts: 1, delayMs: 3500 });
    if (message === null) throw new Error('expected a message');
    // A retry backoff above the longest delay (4000 ms on attempt 3, here after two failures) is re-scheduled the same way.
    expect((await queue.nack(message, new Error('one'))).retryInMs).toBe(1000);
    await clock.advance(1000);
    const second = await queue.dequeue('q');
    if (second === null) throw new Error('expected a message');
    expect((await queue.nack(second, new Error('two'))).retryInMs).toBe(2000);
    await clock.advance(1999);
    expect(await queue.dequeue('q')).toBeNull();
    await clock.advance(1);
    expect(await queue.dequeue('q')).toMatchObject({ attempts: 3, lastError: { message: 'two' } });
    await queue.disconnect();
  });

  it('takes what is due behind a message that is not yet: a take is never empty while another message is ready', async () => {
    const clock = new ManualClock();
    const queue = await open(createLimitedProvider({ clock, maxDelayMs: 1000 }), clock);
    await queue.enqueue('q', queue.createMessage('t', 'long', { delayMs: 5000 }));
    await queue.enqueue('q', queue.createMessage('t', 'short', { delayMs: 1000 }));
    await clock.advance(1000);
    expect((await queue.dequeue('q'))?.payload).toBe('short');
    await clock.advance(4000);
    expect((await queue.dequeue('q'))?.payload).toBe('long');
    await queue.disconnect();
  });

  it('lists a long-delayed dead letter with its data as it was', async () => {
    const clock = new ManualClock();
    const queue = await open(createLimitedProvider({ clock, maxDelayMs: 1000 }), clock);
    await queue.enqueue('q', queue.createMessage('t', { n: 1 }, { delayMs: 2000, maxRetries: 0 }));
    await clock.advance(2000);
    const m = await queue.dequeue('q');
    if (m === null) throw new Error('expected a message');
    await queue.nack(m);
    expect(await queue.deadLetters('q')).toMatchObject([{ payload: { n: 1 }, delayMs: 2000 }]);
    await queue.disconnect();
  });
});

describe('atomicBatchEnqueue false: batches sent record by record', () => {
  it('sends enqueueMany one record at a time in order, and says that the others may be stored when one is refused', async () => {
    const clock = new ManualClock();
    const store = counting(createLimitedProvider({ clock, atomicBatchEnqueue: false }));
    const queue = await open(store.provider, clock);
    await queue.enqueue('q', queue.createMessage('t', 0, { id: 'taken' }));
    store.calls.length = 0;
    await queue.enqueueMany('q', [1, 2, 3].map((n) => queue.createMessage('t', n)));
    expect(store.calls).toEqual(['doEnqueue q', 'doEnqueue q', 'doEnqueue q']);
    const refused = queue.enqueueMany('q', [queue.createMessage('t', 4), queue.createMessage('t', 5, { id: 'taken' })]);
    await expect(refused).rejects.toSatisfy((e) => isMqError(e, 'MQ_DUPLICATE_MESSAGE_ID'));
    await expect(refused).rejects.toThrow(/not atomic/);
    expect(await queue.size('q')).toBe(5);
    await queue.disconnect();
  });
});

describe('deadLetters none', () => {
  it('refuses listing, and replay or purge by id, with MQ_UNSUPPORTED naming the provider; all of them still move back or go', async () => {
    const clock = new ManualClock();
    const store = counting(createLimitedProvider({ clock, deadLetters: 'none', name: 'sqs-like' }));
    const queue = await open(store.provider, clock);
    await queue.enqueue('q', queue.createMessage('t', 'x', { maxRetries: 0 }));
    const m = await queue.dequeue('q');
    if (m === null) throw new Error('expected a message');
    await queue.nack(m);
    store.calls.length = 0;
    for (const refused of [queue.deadLetters('q'), queue.replayDeadLetters('q', [m.id]), queue.purgeDeadLetters('q', [m.id])]) {
      await expect(refused).rejects.toSatisfy((e) => isMqError(e, 'MQ_UNSUPPORTED'));
      await expect(refused).rejects.toThrow(/sqs-like/);
    }
    expect(store.calls).toEqual([]);
    expect(await queue.replayDeadLetters('q')).toEqual({ replayed: [m.id], notFound: [] });
    expect((await queue.dequeue('q'))?.id).toBe(m.id);
    await queue.disconnect();
  });
});
