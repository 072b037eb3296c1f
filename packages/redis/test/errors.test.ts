import { isMqError, MessageQueue } from '@mq/core';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import { startRedisServer, type RedisServer } from './support/redis-server.js';
import { rawClient, testProvider, uniquePrefix } from './support/test-redis.js';
import { Redis } from 'ioredis';
import { redisQueueKeys } from '../src/testing.js';

const backDoor = rawClient();
let own: RedisServer;
beforeAll(async () => {
  own = await startRedisServer();
});
afterAll(async () => {
  await backDoor.quit();
  await own.stop();
});
const open: MessageQueue[] = [];
afterEach(async () => {
  for (const q of open.splice(0)) await q.disconnect();
});

it('turns a Redis error into an MqError without the raw Redis message', async () => {
  const prefix = uniquePrefix('err');
  const provider = testProvider({ prefix });
  const queue = new MessageQueue({ provider });
  open.push(queue);
  await queue.connect();
  await backDoor.set(redisQueueKeys(provider, 'broken').records, 'not a hash');
  const error: unknown = await queue.enqueue('broken', queue.createMessage('t', 1)).catch((e: unknown) => e);
  expect(isMqError(error, 'MQ_PROVIDER_ERROR')).toBe(true);
  expect((error as Error).message).not.toMatch(/WRONGTYPE|ERR|script/i);
  expect(String((error as Error).cause)).toMatch(/WRONGTYPE/);
});

it('bounds every call: a Redis that stops answering fails calls with MQ_PROVIDER_UNAVAILABLE and reports unhealthy', async () => {
  const admin = new Redis({ host: '127.0.0.1', port: own.port });
  // enqueueTimeoutMs 0: this checks the provider's bound, not the producer's own retries.
  const queue = new MessageQueue({ provider: createRedisProvider({ url: `redis://127.0.0.1:${own.port}`, prefix: uniquePrefix(), commandTimeoutMs: 300 }), enqueueTimeoutMs: 0 });
  open.push(queue);
  try {
    await queue.connect();
    await queue.enqueue('q', queue.createMessage('t', 1));
    await admin.client('PAUSE', 1500, 'ALL');
    await expect(queue.enqueue('q', queue.createMessage('t', 2))).rejects.toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_UNAVAILABLE'));
    expect((await queue.health()).healthy).toBe(false);
    await admin.client('UNPAUSE');
    await vi.waitFor(async () => expect(await queue.size('q')).toBeGreaterThanOrEqual(1), { timeout: 5000, interval: 50 });
    expect((await queue.health()).healthy).toBe(true);
  } finally {
    await admin.client('UNPAUSE').catch(() => undefined);
    admin.disconnect();
  }
});

it('leaves a client the user passed in open after disconnect()', async () => {
  const client = new Redis({ host: '127.0.0.1', port: own.port });
  const queue = new MessageQueue({ provider: createRedisProvider({ client, prefix: uniquePrefix() }) });
  await queue.connect();
  await queue.enqueue('q', queue.createMessage('t', 1));
  const subscription = queue.subscribe('q', () => undefined);
  await queue.disconnect();
  expect(subscription.closed).toBe(true);
  expect(await client.ping()).toBe('PONG');
  await client.quit();
});
