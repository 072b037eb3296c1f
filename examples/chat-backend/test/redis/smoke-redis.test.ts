import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startRedisServer, type RedisServer } from '../../../../packages/redis/test/support/redis-server.js';
import { startExample, stopExample } from '../helpers/example-process.js';
import { runSpecCurlSequence } from '../helpers/spec-curl-sequence.js';

// `pnpm start` with MESSAGE_QUEUE_PROVIDER=redis against a redis-server this file starts (never :6379).
describe('examples/chat-backend as a process on Redis', () => {
  let redis: RedisServer;
  let example: Awaited<ReturnType<typeof startExample>>;
  beforeAll(async () => {
    redis = await startRedisServer();
    example = await startExample({ MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: `redis://127.0.0.1:${redis.port}` });
  }, 30_000);
  afterAll(async () => {
    if (example !== undefined) await stopExample(example.child);
    await redis?.stop();
  });

  test("the spec's curl commands work as printed", async () => {
    await runSpecCurlSequence(example.url, 'redis');
  }, 30_000);

  test('with Redis stopped: health and stats answer 503, without Redis text', async () => {
    await redis.stop();
    const health = await fetch(`${example.url}/api/queue/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ healthy: false, provider: 'redis' });
    const stats = await fetch(`${example.url}/api/queue/stats`);
    expect(stats.status).toBe(503);
    const text = await stats.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'MQ_PROVIDER_UNAVAILABLE' });
    expect(text).not.toMatch(/ECONNREFUSED|ioredis|127\.0\.0\.1/);
  });
});
