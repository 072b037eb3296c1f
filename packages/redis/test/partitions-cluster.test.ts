import { createMessageQueue, type MessageQueue } from '@mq/core';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import { keySlot } from '../src/key-slot.js';
import { partitionQueueName } from '../src/partition-queue-name.js';
import type { RedisProvider } from '../src/redis-provider.js';
import { redisQueueKeys } from '../src/testing.js';
import { startRedisCluster, type RedisCluster } from './support/redis-server.js';
import { uniquePrefix } from './support/test-redis.js';

// A cluster of this file's own: INFO commandstats of its masters counts this file's commands only.
let cluster: RedisCluster | undefined;
let client: Cluster | undefined;
const queues: MessageQueue[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster();
  client = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
}, 60_000);
afterAll(async () => {
  await Promise.all(queues.map((q) => q.disconnect()));
  await client?.quit();
  await cluster?.stop();
});

async function openQueue(prefix: string): Promise<{ queue: MessageQueue; provider: RedisProvider }> {
  const url = (cluster as RedisCluster).ports.map((port) => `redis://127.0.0.1:${port}`).join(',');
  const provider = createRedisProvider({ url, prefix });
  const queue = createMessageQueue({ provider });
  queues.push(queue);
  await queue.connect();
  return { queue, provider };
}

/** Script calls (EVALSHA and the like) per master since its last CONFIG RESETSTAT, by port. */
async function scriptCallsPerMaster(): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const node of (client as Cluster).nodes('master')) {
    const info = await node.info('commandstats');
    let calls = 0;
    for (const match of info.matchAll(/cmdstat_(?:evalsha|eval|evalsha_ro|eval_ro|fcall|fcall_ro):calls=(\d+)/g)) calls += Number(match[1]);
    out.set(node.options.port as number, calls);
  }
  return out;
}

async function resetStats(): Promise<void> {
  await Promise.all((client as Cluster).nodes('master').map((node) => node.config('RESETSTAT')));
}

/** Resolves once `n` calls of the returned `tick` happened; fails after `ms`. */
function countdown(n: number, ms: number): { tick: () => void; done: Promise<void> } {
  let left = n;
  let resolve!: () => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    setTimeout(() => rej(new Error(`${left} of ${n} still missing after ${ms} ms`)), ms).unref();
  });
  return { tick: () => void (--left === 0 && resolve()), done };
}

/** Enqueues `n` messages in batches, consumes them all with one subscription; the share of script calls each master served. */
async function shares(partitions: number, n: number): Promise<number[]> {
  const { queue } = await openQueue(uniquePrefix('share'));
  await queue.declareQueue('spread', { partitions });
  await resetStats();
  for (let i = 0; i < n; i += 50) await queue.enqueueMany('spread', Array.from({ length: 50 }, (_, k) => queue.createMessage('t', { i: i + k })));
  const all = countdown(n, 30_000);
  const subscription = queue.subscribe('spread', () => all.tick(), { concurrency: 8 });
  await all.done;
  await subscription.close();
  expect(await queue.size('spread')).toBe(0);
  const calls = [...(await scriptCallsPerMaster()).values()];
  const total = calls.reduce((a, b) => a + b, 0);
  console.info(`${partitions} partition(s): ${(total / n).toFixed(2)} script calls per message`);
  return calls.map((c) => c / total).sort((a, b) => b - a);
}

describe('partitioned queues on a 3-master Redis Cluster', () => {
  it('places 3 partitions on 3 masters, whatever the name (partition-queue-name.ts spreads their slots)', async () => {
    const slots = await (client as Cluster).cluster('SLOTS');
    const masterOf = (slot: number) => slots.find(([from, to]) => slot >= from && slot <= to)?.[2]?.[1];
    for (const name of ['chat_messages', 'q', 'orders', 'a.b:c', 'spread']) {
      const tags = [name, partitionQueueName(name, 1, 3), partitionQueueName(name, 2, 3)];
      expect(new Set(tags.map((tag) => masterOf(keySlot(`{${tag}}`)))).size, name).toBe(3);
    }
  });

  it("with 3 partitions each master serves 25–42% of the queue's script calls; with 1 partition one master serves them all", async () => {
    const three = await shares(3, 1500);
    console.info(`script calls per master, 3 partitions: ${three.map((s) => `${(s * 100).toFixed(1)}%`).join(' ')}`);
    for (const share of three) {
      expect(share).toBeGreaterThanOrEqual(0.25);
      expect(share).toBeLessThanOrEqual(0.42);
    }
    const one = await shares(1, 600);
    console.info(`script calls per master, 1 partition: ${one.map((s) => `${(s * 100).toFixed(1)}%`).join(' ')}`);
    expect(one[0]).toBe(1);
  }, 90_000);

  it('a group keeps its FIFO order and its groupConcurrency: all its messages in one partition, started in order by 3 consumers', async () => {
    const prefix = uniquePrefix('groups');
    const consumers = await Promise.all([openQueue(prefix), openQueue(prefix), openQueue(prefix)]);
    const { queue: producer, provider } = consumers[0] as { queue: MessageQueue; provider: RedisProvider };
    for (const { queue } of consumers) await queue.declareQueue('g', { partitions: 3 });
    const groups = 12;
    const perGroup = 25;
    for (let i = 0; i < perGroup; i++) {
      await producer.enqueueMany('g', Array.from({ length: groups }, (_, g) => producer.createMessage('t', { g, i }, { groupId: `group-${g}` })));
    }
    // Back door: every group's records are in exactly one partition, and the groups use every partition.
    const names = ['g', partitionQueueName('g', 1, 3), partitionQueueName('g', 2, 3)];
    const partitionOfGroup = new Map<string, Set<number>>();
    for (const [p, name] of names.entries()) {
      const groupOf = await (client as Cluster).hvals(redisQueueKeys(provider, name).groupOf);
      for (const groupId of groupOf) partitionOfGroup.set(groupId, (partitionOfGroup.get(groupId) ?? new Set()).add(p));
    }
    expect(partitionOfGroup.size).toBe(groups);
    expect([...partitionOfGroup.values()].every((ps) => ps.size === 1)).toBe(true);
    expect(new Set([...partitionOfGroup.values()].map((ps) => [...ps][0])).size).toBe(3);

    const started = new Map<number, number[]>();
    const inFlight = new Map<number, number>();
    let overLimit = 0;
    const all = countdown(groups * perGroup, 30_000);
    const subscriptions = consumers.map(({ queue }) =>
      queue.subscribe(
        'g',
        async (message) => {
          const { g, i } = message.payload as { g: number; i: number };
          started.set(g, [...(started.get(g) ?? []), i]);
          inFlight.set(g, (inFlight.get(g) ?? 0) + 1);
          if ((inFlight.get(g) as number) > 1) overLimit++;
          await new Promise((resolve) => setImmediate(resolve));
          inFlight.set(g, (inFlight.get(g) as number) - 1);
          all.tick();
        },
        { concurrency: 4, groupConcurrency: 1 },
      ),
    );
    await all.done;
    await Promise.all(subscriptions.map((s) => s.close()));
    expect(overLimit).toBe(0);
    for (let g = 0; g < groups; g++) expect(started.get(g), `group-${g}`).toEqual(Array.from({ length: perGroup }, (_, i) => i));
  }, 60_000);

  /**
   * Inverted starts: a handler starts a message while one of a higher priority has not started
   * yet. All messages are enqueued first; one consumer at concurrency 1 then sees none (a take
   * visits the partition with the highest level first and takes no further than that level);
   * concurrent consumers race between peek and take (docs/scaling.md bounds it).
   */
  async function invertedStarts(consumers: number, concurrency: number, partitions = 3): Promise<{ inverted: number; total: number }> {
    const prefix = uniquePrefix('prio');
    const opened = await Promise.all(Array.from({ length: consumers }, () => openQueue(prefix)));
    const { queue: producer } = opened[0] as { queue: MessageQueue };
    for (const { queue } of opened) await queue.declareQueue('p', { partitions });
    const total = 600;
    const waiting = new Array<number>(11).fill(0);
    const batch = [];
    for (let i = 0; i < total; i++) {
      const priority = ((i * 7) % 10) + 1;
      waiting[priority] = (waiting[priority] as number) + 1;
      batch.push(producer.createMessage('t', { priority }, { priority }));
    }
    for (let i = 0; i < total; i += 100) await producer.enqueueMany('p', batch.slice(i, i + 100));
    let inverted = 0;
    const all = countdown(total, 30_000);
    const subscriptions = opened.map(({ queue }) =>
      queue.subscribe(
        'p',
        (message) => {
          const { priority } = message.payload as { priority: number };
          waiting[priority] = (waiting[priority] as number) - 1;
          if (waiting.some((n, p) => p > priority && n > 0)) inverted++;
          all.tick();
        },
        { concurrency },
      ),
    );
    await all.done;
    await Promise.all(subscriptions.map((s) => s.close()));
    return { inverted, total };
  }

  it('priority holds across partitions: no inverted start for one consumer, few for 4 racing consumers', async () => {
    const one = await invertedStarts(1, 1);
    const racing = await invertedStarts(4, 2);
    // The same consumers on one partition: what handler starts interleave to without any partition.
    const unpartitioned = await invertedStarts(4, 2, 1);
    console.info(`inverted starts: 3 partitions, 1 consumer x1 ${one.inverted}/${one.total}; 4 consumers x2 ${racing.inverted}/${racing.total}; 1 partition, 4 consumers x2 ${unpartitioned.inverted}/${unpartitioned.total}`);
    expect(one.inverted).toBe(0);
    // The bound of docs/scaling.md: at each of the 10 level changes, at most what the consumers hold (4 x 2 x 2 unsettled).
    expect(racing.inverted).toBeLessThanOrEqual(10 * 4 * 2 * 2);
  }, 60_000);
});
