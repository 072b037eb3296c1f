import { isMqError, ManualClock, MessageQueue } from '@mq/core';
import type { EnqueueRecord, EnqueueResult, QueueSettings } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it } from 'vitest';

/** An in-memory provider declaring the seams, recording what reaches it. */
class SeamfulProvider extends InMemoryProvider {
  override readonly capabilities = { ...new InMemoryProvider().capabilities, deduplication: true, groups: true, partitions: true, routing: true };
  readonly enqueued: EnqueueRecord[] = [];
  readonly declared: [string, QueueSettings][] = [];
  stored: QueueSettings | undefined;

  override doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    this.enqueued.push(...records);
    return super.doEnqueue(queueName, records);
  }

  override doDeclareQueue(queueName: string, settings: QueueSettings): Promise<QueueSettings> {
    this.declared.push([queueName, settings]);
    return Promise.resolve(this.stored ?? settings);
  }
}

/** An in-memory provider declaring none of the seams (the in-memory store has groups). */
class SeamlessProvider extends InMemoryProvider {
  override readonly capabilities = { ...new InMemoryProvider().capabilities, deduplication: false, groups: false, partitions: false, routing: false };
}

async function connected(provider: InMemoryProvider = new SeamlessProvider()): Promise<MessageQueue> {
  const queue = new MessageQueue({ provider, clock: new ManualClock() });
  await queue.connect();
  return queue;
}

const code = (c: string, field?: string) => expect.objectContaining({ code: c, ...(field === undefined ? {} : { details: expect.objectContaining({ field }) }) });

describe('deduplication and groupId on createMessage()', () => {
  const queue = new MessageQueue({ provider: new InMemoryProvider() });

  it('checks them, naming the field, and fills in the mode', () => {
    expect(queue.createMessage('t', 1, { deduplication: { key: 'k' } }).deduplication).toEqual({ key: 'k', mode: 'until-settled' });
    expect(queue.createMessage('t', 1, { deduplication: { key: 'k', ttlMs: 500 } }).deduplication).toEqual({ key: 'k', mode: 'ttl', ttlMs: 500 });
    expect(queue.createMessage('t', 1, { deduplication: { key: 'k', ttlMs: 500, mode: 'debounce' } }).deduplication).toEqual({ key: 'k', mode: 'debounce', ttlMs: 500 });
    expect(queue.createMessage('t', 1, { groupId: 'tenant-7' }).groupId).toBe('tenant-7');
    for (const [deduplication, field] of [
      ['k', 'deduplication'],
      [{ key: '' }, 'deduplication.key'],
      [{ key: 'x'.repeat(257) }, 'deduplication.key'],
      [{ key: 'k', ttlMs: 0 }, 'deduplication.ttlMs'],
      [{ key: 'k', ttlMs: 1.5 }, 'deduplication.ttlMs'],
      [{ key: 'k', mode: 'forever' }, 'deduplication.mode'],
      [{ key: 'k', mode: 'ttl' }, 'deduplication.ttlMs'],
      [{ key: 'k', mode: 'debounce' }, 'deduplication.ttlMs'],
      [{ key: 'k', window: 5 }, 'deduplication.window'],
    ] as const) {
      expect(() => queue.createMessage('t', 1, { deduplication: deduplication as never })).toThrow(code('MQ_INVALID_MESSAGE', field));
    }
    for (const groupId of ['', 'a b', 'x'.repeat(129), 7]) expect(() => queue.createMessage('t', 1, { groupId: groupId as never })).toThrow(code('MQ_INVALID_ARGUMENT', 'groupId'));
  });

  it('leaves a message without them as it was: no such keys', () => {
    expect(Object.keys(queue.createMessage('t', 1, { deduplication: undefined, groupId: undefined }))).not.toEqual(expect.arrayContaining(['deduplication']));
    expect(queue.createMessage('t', 1)).not.toHaveProperty('groupId');
  });

  it('checks them again at enqueue (MQ_INVALID_MESSAGE), before the provider refuses them', async () => {
    const q = await connected();
    const changed = { ...q.createMessage('t', 1), deduplication: { key: '', mode: 'ttl' } } as never;
    await expect(q.enqueue('q', changed)).rejects.toThrow(code('MQ_INVALID_MESSAGE', 'deduplication.key'));
    await expect(q.enqueue('q', { ...q.createMessage('t', 1), groupId: 'a b' } as never)).rejects.toThrow(code('MQ_INVALID_MESSAGE', 'groupId'));
    await q.disconnect();
  });

  it('fails with MQ_NOT_CONNECTED before connect(), as any enqueue', async () => {
    const q = new MessageQueue({ provider: new InMemoryProvider() });
    await expect(q.enqueue('q', q.createMessage('t', 1, { groupId: 'g' }))).rejects.toSatisfy((e) => isMqError(e, 'MQ_NOT_CONNECTED'));
    await expect(q.enqueueMany('q', [q.createMessage('t', 1, { deduplication: { key: 'k' } })])).rejects.toSatisfy((e) => isMqError(e, 'MQ_NOT_CONNECTED'));
  });

  it('reach a provider that declares them, in the EnqueueRecord', async () => {
    const provider = new SeamfulProvider();
    const q = await connected(provider);
    await q.enqueue('q', q.createMessage('t', 1, { deduplication: { key: 'k', ttlMs: 9 }, groupId: 'g', id: 'a' }));
    await q.enqueueMany('q', [q.createMessage('t', 2, { id: 'b' }), q.createMessage('t', 3, { groupId: 'h', id: 'c' })]);
    expect(provider.enqueued.map(({ id, deduplication, groupId }) => ({ id, deduplication, groupId }))).toEqual([
      { id: 'a', deduplication: { key: 'k', mode: 'ttl', ttlMs: 9 }, groupId: 'g' },
      { id: 'b', deduplication: undefined, groupId: undefined },
      { id: 'c', deduplication: undefined, groupId: 'h' },
    ]);
    expect(provider.enqueued[1]).not.toHaveProperty('groupId');
    await q.disconnect();
  });
});

describe('subscribe(q, h, { groupConcurrency })', () => {
  it('checks it, and refuses it without capabilities.groups', async () => {
    const q = await connected();
    expect(() => q.subscribe('q', () => undefined, { groupConcurrency: 0 })).toThrow(code('MQ_INVALID_ARGUMENT', 'groupConcurrency'));
    expect(() => q.subscribe('q', () => undefined, { groupConcurrency: 2 })).toThrow(expect.objectContaining({ code: 'MQ_UNSUPPORTED', details: { provider: 'memory', capability: 'groups' } }));
    const seamful = await connected(new SeamfulProvider());
    expect(seamful.subscribe('q', () => undefined, { groupConcurrency: 2 }).closed).toBe(false);
    await seamful.disconnect();
    await q.disconnect();
  });
});

describe('declareQueue(name, { partitions })', () => {
  it('checks the settings', async () => {
    const q = await connected();
    for (const settings of [{ partitions: 0 }, { partitions: 1025 }, { partitions: 2.5 }, { partitions: '2' }]) {
      await expect(q.declareQueue('q', settings as never)).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'partitions'));
    }
    await expect(q.declareQueue('q', { shards: 2 } as never)).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'shards'));
    await expect(q.declareQueue('q', 3 as never)).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'settings'));
    await expect(q.declareQueue('a b')).rejects.toThrow(code('MQ_INVALID_QUEUE_NAME'));
    await q.declareQueue('q');
    await q.declareQueue('q', { partitions: 1 });
    await q.disconnect();
    await expect(q.declareQueue('q')).rejects.toSatisfy((e) => isMqError(e, 'MQ_CLOSED'));
  });

  it('stores them with a provider that keeps settings, and refuses a queue declared otherwise before', async () => {
    const provider = new SeamfulProvider();
    const q = await connected(provider);
    await q.declareQueue('q', { partitions: 8 });
    await q.declareQueue('r');
    expect(provider.declared).toEqual([['q', { partitions: 8 }], ['r', { partitions: 1 }]]);
    provider.stored = { partitions: 4 };
    await expect(q.declareQueue('q', { partitions: 8 })).rejects.toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringContaining('4 partition(s) already') }));
    await q.disconnect();
  });
});

describe('bind() and publish()', () => {
  it('check their arguments first', async () => {
    // A provider that routes: the last publish gets as far as finding no binding.
    const q = await connected(new InMemoryProvider());
    for (const pattern of ['', 'a..b', 'a b', 'x'.repeat(257), 'a.*x', '#x', 5]) {
      await expect(q.bind({ pattern, queue: 'q' } as never)).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'pattern'));
    }
    await expect(q.bind({ pattern: 'a.#', queue: 'a b' })).rejects.toThrow(code('MQ_INVALID_QUEUE_NAME', 'queue'));
    await expect(q.bind({ pattern: 'a.*', queue: 'q', where: 'x' } as never)).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'where'));
    await expect(q.bind(null as never)).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'binding'));
    const message = q.createMessage('t', 1);
    await expect(q.publish('orders.*', message)).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'topic'));
    await expect(q.publish('orders', { id: 'x' } as never)).rejects.toThrow(code('MQ_INVALID_MESSAGE'));
    await expect(q.publish('orders', message, { mandatory: 'yes' } as never)).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'options'));
    await expect(q.publish('orders.created', message, { mandatory: true })).rejects.toThrow(expect.objectContaining({ code: 'MQ_UNROUTABLE' }));
    await q.disconnect();
  });

  it('are refused by a provider without capabilities.routing, storing nothing', async () => {
    class NoRouting extends InMemoryProvider {
      override readonly capabilities = { ...new InMemoryProvider().capabilities, routing: false };
    }
    const q = await connected(new NoRouting());
    const refused = expect.objectContaining({ code: 'MQ_UNSUPPORTED', details: { provider: 'memory', capability: 'routing' } });
    await expect(q.bind({ pattern: 'orders.*', queue: 'q' })).rejects.toThrow(refused);
    await expect(q.publish('orders.created', q.createMessage('t', 1))).rejects.toThrow(refused);
    await expect(q.listBindings()).rejects.toThrow(refused);
    expect(await q.listQueues({ allQueues: true })).toEqual([]);
    await q.disconnect();
  });
});
