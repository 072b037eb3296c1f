import { MessageQueue } from '@mq/core';
import { createRedisProvider } from '@mq/redis';
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

  test("another app's queue under the same key prefix stays out of /stats (and /size), unless ?all=true", async () => {
    const otherApp = new MessageQueue({ provider: createRedisProvider({ url: `redis://127.0.0.1:${redis.port}` }) });
    await otherApp.connect();
    try {
      await otherApp.enqueue('billing_jobs', otherApp.createMessage('invoice', { n: 1 }));
      const own = (await (await fetch(`${example.url}/api/queue/stats`)).json()) as { queues: string[] };
      expect(own.queues).toHaveLength(8);
      expect(own.queues).not.toContain('billing_jobs');
      const all = (await (await fetch(`${example.url}/api/queue/stats?all=true`)).json()) as { queues: string[] };
      expect(all.queues).toContain('billing_jobs');
      expect((await fetch(`${example.url}/api/queue/size/billing_jobs`)).status).toBe(404);
    } finally {
      await otherApp.deleteQueue('billing_jobs');
      await otherApp.disconnect();
    }
  });

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
