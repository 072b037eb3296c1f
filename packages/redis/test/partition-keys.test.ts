import { MessageQueue } from '@mq/core';
import { afterAll, expect, it } from 'vitest';
import { partitionQueueName } from '../src/partition-queue-name.js';
import { redisQueueKeys } from '../src/testing.js';
import { rawClient, testProvider, uniquePrefix } from './support/test-redis.js';

const backDoor = rawClient();
afterAll(async () => void (await backDoor.quit()));

it('a partitioned queue: the count in field n of its counters, each partition under its own hash tag; purge keeps the count, deleteQueue leaves no key', async () => {
  const prefix = uniquePrefix('parts');
  const provider = testProvider({ prefix });
  const queue = new MessageQueue({ provider });
  const peer = new MessageQueue({ provider: testProvider({ prefix }) });
  await queue.connect();
  await peer.connect();
  try {
    await queue.declareQueue('orders', { partitions: 3 });
    expect(await backDoor.hget(redisQueueKeys(provider, 'orders').counters, 'n')).toBe('3');
    // A process that never declared it reads the count at its first use and routes the same way.
    await peer.enqueueMany('orders', Array.from({ length: 30 }, (_, i) => peer.createMessage('t', i, { id: `o${i}` })));
    const stores = ['orders', partitionQueueName('orders', 1, 3), partitionQueueName('orders', 2, 3)];
    const perPartition = await Promise.all(stores.map((name) => backDoor.hlen(redisQueueKeys(provider, name).records)));
    expect(perPartition.reduce((a, b) => a + b, 0)).toBe(30);
    expect(perPartition.every((n) => n > 0)).toBe(true);
    const tags = new Set((await backDoor.keys(`${prefix}:*`)).map((key) => /\{([^}]*)\}/.exec(key)?.[1]).filter((tag) => tag !== undefined));
    expect([...tags].sort()).toEqual([...stores].sort());
    expect((await queue.listQueues({ allQueues: true })).sort()).toEqual(['orders']);

    expect(await queue.purge('orders')).toBe(30);
    expect(await backDoor.hget(redisQueueKeys(provider, 'orders').counters, 'n')).toBe('3');
    await expect(peer.declareQueue('orders', { partitions: 2 })).rejects.toMatchObject({ code: 'MQ_INVALID_CONFIG' });

    await queue.deleteQueue('orders');
    expect(await backDoor.keys(`${prefix}:{orders*`)).toEqual([]);
    expect(await queue.listQueues({ allQueues: true })).toEqual([]);
  } finally {
    await queue.disconnect();
    await peer.disconnect();
  }
});
