import { MessageQueue } from '@mq/core';
import { Redis } from 'ioredis';
import { expect, it, vi } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import { startRedisServer } from './support/redis-server.js';
import { redisQueueKeys } from '../src/testing.js';

const WINDOW_MS = 10_000;

/** Calls per command from INFO commandstats (script-internal calls included), without INFO itself. */
async function commandCalls(admin: Redis): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  for (const match of (await admin.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (match[1] !== 'info' && !match[1]?.startsWith('config')) calls.set(match[1] as string, Number(match[2]));
  }
  return calls;
}

it('an idle subscriber blocks instead of polling: at most 2 Redis commands per second', async () => {
  const server = await startRedisServer();
  const admin = new Redis({ host: '127.0.0.1', port: server.port });
  const provider = createRedisProvider({ url: `redis://127.0.0.1:${server.port}` });
  const queue = new MessageQueue({ provider });
  try {
    await queue.connect();
    queue.subscribe('idle', () => undefined, { concurrency: 50 });
    // Idle once it listens on its wake channel and has checked the queue.
    await vi.waitFor(async () => {
      expect(await admin.pubsub('NUMSUB', redisQueueKeys(provider, 'idle').wakeChannel)).toEqual([redisQueueKeys(provider, 'idle').wakeChannel, 1]);
      const calls = await commandCalls(admin);
      expect((calls.get('evalsha') ?? 0) + (calls.get('eval') ?? 0)).toBeGreaterThanOrEqual(2);
    });
    await admin.config('RESETSTAT');
    // A measurement window, not a wait for a condition.
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const calls = await commandCalls(admin);
    const total = [...calls.values()].reduce((a, b) => a + b, 0);
    const perSecond = total / (WINDOW_MS / 1000);
    console.log(`idle subscriber: ${total} Redis commands in ${WINDOW_MS / 1000} s = ${perSecond.toFixed(2)}/s`, Object.fromEntries(calls));
    expect(perSecond).toBeLessThanOrEqual(2);
  } finally {
    await queue.disconnect();
    admin.disconnect();
    await server.stop();
  }
}, 30_000);
