import { createMessageQueue, isMqError } from '@mq/core';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { createRedisQueue } from '../src/create-redis-queue.js';
import { clusterUrl, standaloneUrl } from './support/test-redis.js';

it.each([
  ['standalone, database 3', () => `${standaloneUrl()}/3`],
  ['cluster', clusterUrl],
])('createMessageQueue() loads @mq/redis for MESSAGE_QUEUE_PROVIDER=redis and REDIS_URL (%s)', async (_mode, url) => {
  const queue = createMessageQueue({ env: { MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: url() } });
  await queue.connect();
  try {
    expect(await queue.health()).toMatchObject({ healthy: true, provider: 'redis' });
    const name = `cmq_${process.pid}_${Date.now()}`;
    await queue.enqueue(name, queue.createMessage('t', { n: 1 }, { priority: 8 }));
    const message = await queue.dequeue(name);
    expect(message?.payload).toEqual({ n: 1 });
    if (message) await queue.ack(message);
    expect(await queue.getStats(name)).toMatchObject({ completedMessages: 1, provider: 'redis', healthy: true });
    if (_mode.includes('database 3')) {
      const db3 = new Redis(`${standaloneUrl()}/3`);
      expect(await db3.exists(`mq:{${name}}:s`)).toBe(1);
      db3.disconnect();
    }
  } finally {
    await queue.disconnect();
  }
});

it('createMessageQueue() reports a malformed REDIS_URL with the accepted forms', async () => {
  const queue = createMessageQueue({ env: { MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: 'redis://:pw@host:notaport' } });
  const error: unknown = await queue.connect().catch((e: unknown) => e);
  expect(isMqError(error, 'MQ_INVALID_CONFIG')).toBe(true);
  expect((error as Error).message).toContain('redis://node1:6379,redis://node2:6379,redis://node3:6379');
  expect((error as Error).message).not.toContain('pw');
});

it('createRedisQueue() reads REDIS_URL from env', async () => {
  const queue = createRedisQueue({ env: { REDIS_URL: standaloneUrl() }, prefix: `crq${process.pid}` });
  await queue.connect();
  expect((await queue.health()).healthy).toBe(true);
  await queue.disconnect();
});
