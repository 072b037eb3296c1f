import { isMqError, type QueueProvider } from '@mq/core/provider';
import * as testing from '@mq/redis/testing';
import { afterAll, describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { rawClient, testProvider, uniquePrefix } from './support/test-redis.js';

const backDoor = rawClient();
afterAll(async () => void (await backDoor.quit()));

describe('the public API of @mq/redis (issue 11, item 8)', () => {
  it('exports, as values, only what an application calls', () => {
    expect(Object.keys(api).sort()).toEqual(['ACCEPTED_REDIS_URL_FORMS', 'createRedisProvider', 'createRedisQueue', 'mqProvider', 'parseRedisUrl']);
  });

  it('@mq/redis/testing exports the back-door helpers', () => {
    expect(Object.keys(testing).sort()).toEqual(['eventsChannel', 'queueKeys', 'redisQueueKeys', 'registryKey']);
  });
});

describe('@mq/redis/testing', () => {
  it('redisQueueKeys(provider, queue) names the keys the provider really writes', async () => {
    const prefix = uniquePrefix('testing');
    const provider = testProvider({ prefix });
    await provider.doConnect();
    try {
      await provider.doEnqueue('jobs', [{ id: 'a', priority: 3, delayMs: 0, data: 'x' }]);
      const keys = testing.redisQueueKeys(provider, 'jobs');
      expect(keys).toEqual(testing.queueKeys(prefix, 'jobs'));
      expect(await backDoor.hexists(keys.records, 'a')).toBe(1);
      expect(await backDoor.lrange(keys.ready[2] as string, 0, -1)).toEqual(['a']);
      expect(await backDoor.smembers(testing.registryKey(prefix))).toEqual(['jobs']);
      expect(testing.eventsChannel(prefix)).toBe(`${prefix}:events`);
    } finally {
      await provider.doDisconnect();
    }
  });

  it('refuses a provider that is not a Redis provider, and a bad queue name, with coded errors', () => {
    expect(() => testing.redisQueueKeys({ name: 'memory' } as QueueProvider, 'jobs')).toThrow(expect.objectContaining({ code: 'MQ_INVALID_ARGUMENT' }));
    let thrown: unknown;
    try {
      testing.redisQueueKeys(testProvider(), 'a{b}');
    } catch (error) {
      thrown = error;
    }
    expect(isMqError(thrown, 'MQ_INVALID_QUEUE_NAME')).toBe(true);
  });
});
