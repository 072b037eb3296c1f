import { afterEach, describe, expect, test } from 'vitest';
import { startRedisServer, type RedisServer } from '../../../../packages/redis/test/support/redis-server.js';
import { startExample, stopExample, type ExampleProcess } from '../helpers/example-process.js';

// In production the example says at start when Redis runs without AOF (its restart would lose every queued message).
describe('start-up warning when Redis keeps nothing across a restart', () => {
  let redis: RedisServer | undefined;
  let example: ExampleProcess | undefined;
  afterEach(async () => {
    if (example !== undefined) await stopExample(example.child);
    await redis?.stop();
    example = undefined;
    redis = undefined;
  });

  const production = (port: number) => ({
    NODE_ENV: 'production',
    QUEUE_ADMIN_TOKEN: 'admin-token-for-test',
    SOCKET_TOKEN_SECRET: 'socket-secret-for-test',
    MESSAGE_QUEUE_PROVIDER: 'redis',
    REDIS_URL: `redis://127.0.0.1:${port}`,
  });

  test('appendonly no: one warning line naming the setting', async () => {
    redis = await startRedisServer({ appendonly: false });
    example = await startExample(production(redis.port));
    expect(example.output()).toMatch(/warning: redis runs without AOF \(appendonly no\)/);
  }, 30_000);

  test('appendonly yes: no warning', async () => {
    redis = await startRedisServer({ appendonly: true });
    example = await startExample(production(redis.port));
    expect(example.output()).not.toMatch(/warning:/);
  }, 30_000);

  test('in development: no warning even without AOF', async () => {
    redis = await startRedisServer({ appendonly: false });
    example = await startExample({ MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: `redis://127.0.0.1:${redis.port}` });
    expect(example.output()).not.toMatch(/warning:/);
  }, 30_000);
});
