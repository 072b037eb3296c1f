import { Redis } from 'ioredis';
import { afterEach, expect, inject, test } from 'vitest';
import type { RedisProvider } from '../src/redis-provider.js';
import { testProvider } from './support/test-redis.js';
import { redisQueueKeys } from '../src/testing.js';

const opened: { provider?: RedisProvider; blocker?: Redis } = {};
afterEach(async () => {
  await opened.provider?.doDisconnect();
  opened.blocker?.disconnect();
});

// Found by the fault suite (case 4): a take that timed out behind a network black hole still ran
// on Redis once the bytes got through, leasing messages to nobody; each waited out its lease and
// lost an attempt, and after a few black holes a message was dead-lettered (MQ_LEASE_EXPIRED).
test('a take that reaches Redis after its caller gave up leases nothing', async () => {
  const provider = testProvider({ commandTimeoutMs: 100 });
  opened.provider = provider;
  await provider.doConnect();
  await provider.doEnqueue('q', [{ id: 'a', priority: 5, delayMs: 0, data: 'x' }]);
  expect(await provider.doTake('warm-up', { max: 1, leaseMs: 1000 })).toEqual([]); // learns the server's clock
  // Hold the server for 400 ms (a Lua busy loop): the next take waits behind it and times out.
  const blocker = new Redis({ host: '127.0.0.1', port: inject('redisPort') });
  opened.blocker = blocker;
  await blocker.ping();
  const busy = blocker.eval(
    "local s = redis.call('TIME') local t0 = s[1] * 1000000 + s[2] repeat local n = redis.call('TIME') until n[1] * 1000000 + n[2] - t0 > 400000 return 1",
    0,
  );
  busy.catch(() => undefined);
  // Let the busy loop reach the server before the take is sent.
  await new Promise((resolve) => setTimeout(resolve, 50));
  await expect(provider.doTake('q', { max: 1, leaseMs: 60_000 })).rejects.toMatchObject({ code: 'MQ_PROVIDER_UNAVAILABLE' });
  await busy;
  // Read the store through the back door: the provider's connection is being reopened.
  const keys = redisQueueKeys(provider, 'q');
  expect(await blocker.zcard(keys.leases)).toBe(0);
  expect(await blocker.llen(keys.ready[4] as string)).toBe(1);
  for (let i = 0; i < 100 && !(await provider.doHealthCheck()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  const [record] = await provider.doTake('q', { max: 1, leaseMs: 60_000 });
  expect(record).toMatchObject({ id: 'a', attempts: 1 });
});
