import type { ChildProcess } from 'node:child_process';
import type { MessageQueue } from '@mq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageQueue as Queue } from '@mq/core';
import { forkWorker, killWorker } from './support/fork-worker.js';
import { clusterUrl, rawClient, standaloneUrl, testProvider, uniquePrefix } from './support/test-redis.js';
import type { Redis } from 'ioredis';
import type { RedisProvider } from '../src/redis-provider.js';
import { redisQueueKeys } from '../src/testing.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(options: { cluster?: boolean; prefix: string }): Promise<MessageQueue> {
  return (await openWith(options)).queue;
}

async function openWith(options: { cluster?: boolean; prefix: string }): Promise<{ queue: MessageQueue; provider: RedisProvider }> {
  const provider = testProvider(options);
  const queue = new Queue({ provider });
  await queue.connect();
  cleanups.push(() => queue.disconnect());
  return { queue, provider };
}

/** A second process on the same keys, answering requests in order. */
async function secondProcess(url: string, prefix: string): Promise<(request: object) => Promise<unknown>> {
  const waiting = new Map<number, (answer: { result?: unknown; error?: string }) => void>();
  let ready: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const child: ChildProcess = forkWorker('routing-worker.ts', { url, prefix }, (event) => {
    const message = event as unknown as { type: string; seq?: number; result?: unknown; error?: string };
    if (message.type === 'ready') ready();
    else if (message.seq !== undefined) waiting.get(message.seq)?.(message);
  });
  cleanups.push(() => killWorker(child));
  await started;
  let seq = 0;
  return (request) =>
    new Promise((resolve, reject) => {
      const mine = ++seq;
      waiting.set(mine, (answer) => (answer.error === undefined ? resolve(answer.result) : reject(new Error(answer.error))));
      child.send({ ...request, seq: mine });
    });
}

describe('routing on Redis', () => {
  it('bindings made in another process are stored in Redis and route this one; unbind there stops it', async () => {
    const prefix = uniquePrefix('route');
    const queue = await open({ prefix });
    const other = await secondProcess(standaloneUrl(), prefix);
    // This instance reads the bindings (none) and keeps them; the other process then binds.
    expect(await queue.publish('conversation.u1.closed', queue.createMessage('t', 1))).toEqual({ messageIds: [], routedTo: [] });
    await other({ type: 'bind', binding: { pattern: 'conversation.*.closed', queue: 'analytics' } });
    await other({ type: 'bind', binding: { pattern: 'conversation.#', queue: 'audit' } });
    expect(await queue.listBindings()).toEqual([
      { pattern: 'conversation.#', queue: 'audit' },
      { pattern: 'conversation.*.closed', queue: 'analytics' },
    ]);
    expect(await queue.publish('conversation.u1.closed', queue.createMessage('t', 1, { id: 'e1' }))).toEqual({ messageIds: ['e1:analytics', 'e1:audit'], routedTo: ['analytics', 'audit'] });
    // And the other way round: this process binds, the other routes by it at once.
    await queue.bind({ pattern: 'billing.#', queue: 'billing' });
    expect(await other({ type: 'publish', topic: 'billing.paid', id: 'e2' })).toEqual({ messageIds: ['e2:billing'], routedTo: ['billing'] });
    expect(await other({ type: 'unbind', binding: { pattern: 'conversation.#', queue: 'audit' } })).toBe(true);
    expect(await queue.publish('conversation.u1.closed', queue.createMessage('t', 1, { id: 'e3' }))).toMatchObject({ routedTo: ['analytics'] });
    expect(await other({ type: 'list' })).toHaveLength(2);
    expect(await queue.size('audit')).toBe(1);
    expect(await queue.size('billing')).toBe(1);
  });

  it('standalone: a publish to three queues is one script call that stores all copies', async () => {
    const prefix = uniquePrefix('route1');
    const queue = await open({ prefix });
    for (const q of ['a', 'b', 'c']) await queue.bind({ pattern: '#', queue: q });
    await queue.publish('x', queue.createMessage('t', 0));
    const calls: string[] = [];
    queue.instrument({ onProviderCall: (info) => void calls.push(info.operation) });
    // Every command that reaches the server with a key of this test (MONITOR: other tests' commands are filtered out).
    const client = rawClient() as Redis;
    const monitor = await client.monitor();
    cleanups.push(() => Promise.resolve(monitor.disconnect()));
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args.some((arg) => arg.startsWith(`${prefix}:`))) seen.push(String(args[0]).toLowerCase());
    });
    await queue.publish('x', queue.createMessage('t', 1, { id: 'watched' }));
    await expect.poll(() => seen.length, { timeout: 5000 }).toBeGreaterThan(0);
    // A marker command after it: once MONITOR shows the marker, everything before it was shown.
    await client.set(`${prefix}:marker`, '1');
    await expect.poll(() => seen.includes('set'), { timeout: 5000 }).toBe(true);
    expect(calls).toEqual(['enqueueRouted']);
    // MONITOR also shows the commands a script runs; of the commands the client sent, one is a script call.
    expect(seen.filter((c) => c === 'evalsha' || c === 'eval')).toEqual(['evalsha']);
    expect(seen.filter((c) => ['hset', 'rpush', 'hexists'].includes(c)).length).toBeGreaterThanOrEqual(3);
    for (const q of ['a', 'b', 'c']) expect(await queue.size(q)).toBe(2);
  });

  it('cluster: a publish that fails half-way stores the copies of the slots that answered; retried with the same id, each copy is there exactly once', async () => {
    const prefix = uniquePrefix('routec');
    const { queue, provider } = await openWith({ prefix, cluster: true });
    const targets = ['q_a', 'q_b', 'q_c'];
    for (const q of targets) await queue.bind({ pattern: 'order.#', queue: q });
    const client = rawClient(true);
    cleanups.push(() => client.quit());
    // Break q_b's slot: its records key holds a string, so its script call fails (WRONGTYPE).
    const bKeys = redisQueueKeys(provider, 'q_b');
    await client.set(bKeys.records, 'not a hash');
    const message = queue.createMessage('placed', { n: 1 }, { id: 'ord-9' });
    await expect(queue.publish('order.placed', message)).rejects.toThrow();
    expect(await queue.size('q_a')).toBe(1);
    expect(await queue.size('q_c')).toBe(1);
    await client.del(bKeys.records);
    expect(await queue.size('q_b')).toBe(0);
    // The retry completes q_b and duplicates neither q_a nor q_c.
    expect(await queue.publish('order.placed', message)).toEqual({ messageIds: ['ord-9:q_a', 'ord-9:q_b', 'ord-9:q_c'], routedTo: targets });
    expect(await queue.publish('order.placed', message)).toMatchObject({ routedTo: targets });
    for (const q of targets) {
      expect(await queue.size(q), q).toBe(1);
      expect(await queue.dequeue(q)).toMatchObject({ id: `ord-9:${q}`, metadata: { correlationId: 'ord-9' } });
      expect(await queue.dequeue(q)).toBeNull();
    }
  });

  it('cluster: bindings are shared between providers', async () => {
    const prefix = uniquePrefix('routecs');
    const first = await open({ prefix, cluster: true });
    const second = await open({ prefix, cluster: true });
    expect(await second.publish('a.b', second.createMessage('t', 1))).toMatchObject({ routedTo: [] });
    await first.bind({ pattern: 'a.*', queue: 'shared' });
    expect(await second.publish('a.b', second.createMessage('t', 1))).toMatchObject({ routedTo: ['shared'] });
    expect(clusterUrl()).toContain(',');
  });
});
