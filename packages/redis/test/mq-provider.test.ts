import { isMqError, ManualClock, type QueueProvider } from '@mq/core/provider';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mqProvider } from '../src/index.js';
import { freePort } from './support/redis-server.js';
import { rawClient, standaloneUrl, uniquePrefix } from './support/test-redis.js';

const backDoor = rawClient();
afterAll(async () => void (await backDoor.quit()));
const open: QueueProvider[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.doDisconnect();
});

/** Connects, enqueues one record on `queue`, and says whether it landed under `prefix` on the test server. */
async function storesUnder(provider: QueueProvider, prefix: string, queue = 'q'): Promise<boolean> {
  open.push(provider);
  await provider.doConnect();
  await provider.doEnqueue(queue, [{ id: 'a', priority: 5, delayMs: 0, data: 'x' }]);
  return (await backDoor.hexists(`${prefix}:{${queue}}:r`, 'a')) === 1;
}

function configError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('mqProvider (the registry entry of @mq/redis)', () => {
  it('names the provider, its package, how to install it and the variable it reads', () => {
    expect(mqProvider).toMatchObject({ name: 'redis', packageName: '@mq/redis', installHint: 'npm install @mq/redis ioredis' });
    expect(mqProvider.env).toEqual([{ name: 'REDIS_URL', description: expect.any(String), default: 'redis://localhost:6379' }]);
  });

  it('connects to REDIS_URL from env', async () => {
    const prefix = uniquePrefix('mqp');
    const provider = mqProvider.create({ env: { REDIS_URL: standaloneUrl() }, options: { prefix } });
    expect(provider.name).toBe('redis');
    expect(await storesUnder(provider, prefix)).toBe(true);
  });

  it('options.url wins over REDIS_URL, and a blank REDIS_URL is no URL', async () => {
    const prefix = uniquePrefix('mqp');
    const closed = `redis://127.0.0.1:${await freePort()}`;
    expect(await storesUnder(mqProvider.create({ env: { REDIS_URL: closed }, options: { url: standaloneUrl(), prefix } }), prefix)).toBe(true);
    // A malformed REDIS_URL is not read when options.url is given.
    expect(() => mqProvider.create({ env: { REDIS_URL: 'redis//oops' }, options: { url: standaloneUrl() } })).not.toThrow();
    // A blank one means the default URL (nothing is connected here: the default is localhost:6379).
    expect(() => mqProvider.create({ env: { REDIS_URL: '  ' }, options: {} })).not.toThrow();
  });

  it('a client in options is used instead of REDIS_URL, and stays the caller’s', async () => {
    const prefix = uniquePrefix('mqp');
    const client = new Redis(standaloneUrl());
    try {
      const provider = mqProvider.create({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` }, options: { client, prefix } });
      expect(await storesUnder(provider, prefix)).toBe(true);
      await provider.doDisconnect();
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
    }
  });

  it('judges time by the clock it is given', async () => {
    const clock = new ManualClock();
    const provider = mqProvider.create({ env: { REDIS_URL: standaloneUrl() }, clock, options: { prefix: uniquePrefix('mqp') } });
    open.push(provider);
    await provider.doConnect();
    await provider.doEnqueue('later', [{ id: 'd', priority: 5, delayMs: 60_000, data: 'x' }]);
    expect(await provider.doTake('later', { max: 1, leaseMs: 1000 })).toEqual([]);
    await clock.advance(60_000);
    expect(await provider.doTake('later', { max: 1, leaseMs: 1000 })).toMatchObject([{ id: 'd', availableAt: clock.now() }]);
  });

  it('refuses bad options with MQ_INVALID_CONFIG naming the option', () => {
    const env = { REDIS_URL: standaloneUrl() };
    const cases: [unknown, string][] = [
      [null, 'options'],
      ['redis://x', 'options'],
      [{ urll: 'redis://x' }, 'urll'],
      [{ clock: new ManualClock() }, 'clock'],
      [{ url: 6379 }, 'url'],
      [{ prefix: 'a{b}' }, 'prefix'],
      [{ commandTimeoutMs: 0 }, 'commandTimeoutMs'],
      [{ client: {} }, 'client'],
      [{ redisOptions: 'tls' }, 'redisOptions'],
      [{ waitForReplicas: { replicas: 0, timeoutMs: 100 } }, 'waitForReplicas.replicas'],
    ];
    for (const [options, field] of cases) {
      const error = configError(() => mqProvider.create({ env, options: options as Record<string, unknown> }));
      expect(isMqError(error, 'MQ_INVALID_CONFIG'), `${JSON.stringify(options)}: ${String(error)}`).toBe(true);
      expect((error as { details?: { field?: string } }).details?.field, JSON.stringify(options)).toBe(field);
    }
    expect(isMqError(configError(() => mqProvider.create({ env: { REDIS_URL: 'redis//oops' }, options: {} })), 'MQ_INVALID_CONFIG')).toBe(true);
  });
});
