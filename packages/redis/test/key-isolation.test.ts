import { MessageQueue } from '@mq/core';
import { afterAll, expect, it } from 'vitest';
import { rawClient, testProvider, uniquePrefix } from './support/test-redis.js';
import { redisQueueKeys } from '../src/testing.js';

const backDoor = rawClient();
afterAll(async () => void (await backDoor.quit()));

/** Every key under `prefix` with a DUMP of its value: a byte-for-byte snapshot. */
async function snapshot(prefix: string, pattern: string): Promise<Map<string, string>> {
  const keys = (await backDoor.keys(`${prefix}:${pattern}`)).sort();
  const dumps = await Promise.all(keys.map((k) => backDoor.dumpBuffer(k)));
  return new Map(keys.map((k, i) => [k, dumps[i]?.toString('hex') ?? '']));
}

it('purging queue "a" never touches the keys of "ab" or "a_b"', async () => {
  const prefix = uniquePrefix('iso');
  const queue = new MessageQueue({ provider: testProvider({ prefix }), retry: { jitter: 0 } });
  await queue.connect();
  for (const name of ['a', 'ab', 'a_b']) {
    await queue.enqueueMany(name, [queue.createMessage('t', 1), queue.createMessage('t', 2, { delayMs: 60_000 }), queue.createMessage('t', 3, { priority: 9 })]);
    const taken = await queue.dequeue(name);
    if (taken) await queue.nack(taken, new Error('retry later'));
    const dead = await queue.dequeue(name);
    if (dead) await queue.nack(dead, Object.assign(new Error('fatal'), { code: 'X' }));
  }
  const others = new Map([...(await snapshot(prefix, '{ab}*')), ...(await snapshot(prefix, '{a_b}*'))]);
  expect(others.size).toBeGreaterThan(4);

  expect(await queue.purge('a')).toBe(3);

  expect(new Map([...(await snapshot(prefix, '{ab}*')), ...(await snapshot(prefix, '{a_b}*'))])).toEqual(others);
  expect(await queue.size('ab')).toBe(3);
  expect(await queue.size('a')).toBe(0);
  await queue.disconnect();
});

it('keeps every key of a queue in one hash slot of the cluster', async () => {
  const cluster = rawClient(true);
  try {
    const keys = redisQueueKeys(testProvider(), 'chat_messages');
    const all = [keys.records, keys.delayed, keys.leases, keys.dead, keys.deadOrder, keys.counters, ...keys.ready];
    const slots = await Promise.all(all.map((k) => cluster.cluster('KEYSLOT', k)));
    expect(new Set(slots).size).toBe(1);
  } finally {
    await cluster.quit();
  }
});
