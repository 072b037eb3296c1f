import { ManualClock, MessageQueue } from '@mq/core';
import { afterAll, expect, it } from 'vitest';
import { redisQueueKeys } from '../src/testing.js';
import { rawClient, testProvider } from './support/test-redis.js';

const backDoor = rawClient();
afterAll(async () => void (await backDoor.quit()));

async function openQueue(): Promise<{ queue: MessageQueue; clock: ManualClock; provider: ReturnType<typeof testProvider> }> {
  const clock = new ManualClock();
  const provider = testProvider({ clock });
  const queue = new MessageQueue({ provider, clock });
  await queue.connect();
  return { queue, clock, provider };
}

it('removes expired key holds in bulk at the next keyed enqueue: key state does not grow without bound', async () => {
  const { queue, clock, provider } = await openQueue();
  const keys = redisQueueKeys(provider, 'q');
  await queue.enqueueMany('q', Array.from({ length: 500 }, (_, n) => queue.createMessage('t', n, { deduplication: { key: `k${n}`, ttlMs: 1000 } })));
  expect(await backDoor.hlen(keys.dedup)).toBe(500);
  expect(await backDoor.zcard(keys.dedupExpiry)).toBe(500);
  await clock.advance(1000);
  await queue.enqueue('q', queue.createMessage('t', 'later', { deduplication: { key: 'fresh' } }));
  expect(await backDoor.hlen(keys.dedup)).toBe(2);
  expect(await backDoor.zcard(keys.dedupExpiry)).toBe(0);
  await queue.disconnect();
});

it('a completed until-settled record leaves no key state behind', async () => {
  const { queue, provider } = await openQueue();
  const keys = redisQueueKeys(provider, 'q');
  await queue.enqueue('q', queue.createMessage('t', 1, { deduplication: { key: 'order-1' } }));
  expect(await backDoor.hlen(keys.dedup)).toBe(2);
  const taken = await queue.dequeue('q');
  await queue.ack(taken as NonNullable<typeof taken>);
  expect(await backDoor.exists(keys.dedup, keys.dedupExpiry)).toBe(0);
  await queue.disconnect();
});

it('reports the Redis memory per live key (until-settled and ttl), for docs/deduplication.md', async () => {
  const { queue, provider } = await openQueue();
  const count = 10_000;
  const memory = async (): Promise<number> => {
    const keys = redisQueueKeys(provider, 'q');
    const [a, b] = await Promise.all([backDoor.memory('USAGE', keys.dedup, 'SAMPLES', 0), backDoor.memory('USAGE', keys.dedupExpiry, 'SAMPLES', 0)]);
    return Number(a ?? 0) + Number(b ?? 0);
  };
  for (const [mode, options] of [
    ['until-settled', {}],
    ['ttl', { ttlMs: 60_000 }],
  ] as const) {
    await queue.purge('q');
    for (let from = 0; from < count; from += 1000) {
      await queue.enqueueMany('q', Array.from({ length: 1000 }, (_, n) => queue.createMessage('t', n, { id: `order-${mode}-${from + n}`, deduplication: { key: `order-${from + n}`, ...options } })));
    }
    const perKey = (await memory()) / count;
    console.log(`dedup ${mode}: ${perKey.toFixed(1)} B of Redis memory per live key (key "order-NNNN", id "order-${mode}-NNNN")`);
    expect(perKey).toBeGreaterThan(0);
  }
  await queue.disconnect();
});
