import { createServer, type Server, type Socket } from 'node:net';
import { createMessageQueue, isMqError, MessageQueue } from '@mq/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import { createRedisQueue } from '../src/create-redis-queue.js';
import { freePort } from './support/redis-server.js';
import { rawClient, testProvider, uniquePrefix } from './support/test-redis.js';

const backDoor = rawClient();
afterAll(async () => void (await backDoor.quit()));

async function keysUnder(prefix: string): Promise<string[]> {
  return (await backDoor.keys(`${prefix}*`)).sort();
}

describe('bad input', () => {
  it('rejects a malformed REDIS_URL at start, from createRedisProvider and from createMessageQueue', async () => {
    expect(() => createRedisProvider({ url: 'redis://:pw@host:notaport' })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG' }));
    const queue = createMessageQueue({ env: { MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: 'redis//oops' } });
    await expect(queue.connect()).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_CONFIG'));
  });

  it('rejects bad factory options', () => {
    expect(() => createRedisProvider({})).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG' }));
    expect(() => createRedisProvider({ url: 'redis://a', prefix: 'a{b}' })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG' }));
    expect(() => createRedisProvider({ url: 'redis://a', commandTimeoutMs: 0 })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG' }));
  });

  // Issue 11, item 8: every bad option is an MqError with a code and the field, never a TypeError.
  it.each<[string, () => unknown, string]>([
    ['a client that is not an ioredis client', () => createRedisProvider({ client: {} as never }), 'client'],
    ['a url that is not a string', () => createRedisProvider({ url: 6379 as never }), 'url'],
    ['redisOptions that are not an object', () => createRedisProvider({ url: 'redis://a', redisOptions: 'tls' as never }), 'redisOptions'],
    ['a clock without now()', () => createRedisProvider({ url: 'redis://a', clock: {} as never }), 'clock'],
    ['a prefix that is not a string', () => createRedisProvider({ url: 'redis://a', prefix: 7 as never }), 'prefix'],
    ['createRedisQueue(null)', () => createRedisQueue(null as never), 'options'],
    ['createRedisQueue with env null', () => createRedisQueue({ env: null as never }), 'env'],
    ['createRedisQueue with a bad option of the provider', () => createRedisQueue({ url: 'redis://a', recheckIntervalMs: -1 }), 'recheckIntervalMs'],
  ])('refuses %s with MQ_INVALID_CONFIG', (_label, make, field) => {
    let thrown: unknown;
    try {
      make();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).not.toBeInstanceOf(TypeError);
    expect(isMqError(thrown, 'MQ_INVALID_CONFIG'), String(thrown)).toBe(true);
    expect((thrown as { details?: { field?: string } }).details?.field).toBe(field);
  });

  const badNames = ['a{b}', '{x}', 'a}:{b', 'a*', 'a b', '', 'x'.repeat(129), 'tab\tname', 'new\nline', 'é'];
  it.each(badNames.map((n) => [JSON.stringify(n).slice(0, 30), n]))('rejects queue name %s before any key is built', async (_label, name) => {
    const prefix = uniquePrefix('names');
    const provider = testProvider({ prefix });
    const queue = new MessageQueue({ provider });
    await queue.connect();
    const before = await keysUnder(prefix);
    await expect(queue.enqueue(name, queue.createMessage('t', 1))).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_QUEUE_NAME'));
    await expect(queue.purge(name)).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_QUEUE_NAME'));
    await expect(provider.doEnqueue(name, [{ id: 'x', priority: 5, delayMs: 0, data: 'd' }])).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_QUEUE_NAME'));
    expect(await keysUnder(prefix)).toEqual(before);
    await queue.disconnect();
  });
});

describe('unreachable Redis', () => {
  it('fails connect() with MQ_PROVIDER_UNAVAILABLE when nothing listens on the port', async () => {
    const port = await freePort();
    const queue = new MessageQueue({ provider: createRedisProvider({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 2000 }) });
    await expect(queue.connect()).rejects.toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_UNAVAILABLE'));
    expect((await queue.health()).healthy).toBe(false);
  }, 10_000);

  it('fails connect() within its bound when the host accepts but never answers', async () => {
    const sockets: Socket[] = [];
    const server: Server = createServer((socket) => void sockets.push(socket));
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    try {
      const queue = new MessageQueue({ provider: createRedisProvider({ url: `redis://:secret-pw@127.0.0.1:${port}`, connectTimeoutMs: 500 }) });
      const error: unknown = await queue.connect().catch((e: unknown) => e);
      expect(isMqError(error, 'MQ_PROVIDER_UNAVAILABLE')).toBe(true);
      expect((error as Error).message).not.toContain('secret-pw');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 10_000);
});
