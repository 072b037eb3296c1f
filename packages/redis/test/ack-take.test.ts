import { MessageQueue } from '@mq/core';
import type { EnqueueRecord } from '@mq/core/provider';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import type { RedisProvider } from '../src/redis-provider.js';
import { startRedisServer, type RedisServer } from './support/redis-server.js';
import { redisQueueKeys } from '../src/testing.js';

// Counts script calls with INFO commandstats, so these tests have a server of their own.
let server: RedisServer;
let admin: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis({ host: '127.0.0.1', port: server.port });
});

afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

async function scriptCalls(): Promise<number> {
  const stats = await admin.info('commandstats');
  return Number(/^cmdstat_evalsha:calls=(\d+)/m.exec(stats)?.[1] ?? 0) + Number(/^cmdstat_eval:calls=(\d+)/m.exec(stats)?.[1] ?? 0);
}

const record = (id: string): EnqueueRecord => ({ id, priority: 5, delayMs: 0, data: `{"id":"${id}"}` });

let prefixes = 0;

function provider(prefix = `acktake${++prefixes}`): RedisProvider {
  return createRedisProvider({ url: `redis://127.0.0.1:${server.port}`, prefix });
}

describe('acks travel with the next take', () => {
  it('acks waiting for their batch go out with a take of the same queue: one script call, each answered as if sent alone', async () => {
    const p = provider();
    await p.doConnect();
    try {
      await p.doEnqueue('q', [record('a'), record('b'), record('c')]);
      const [a, b] = await p.doTake('q', { max: 2, leaseMs: 30_000 });
      if (a === undefined || b === undefined) throw new Error('expected two records');
      await admin.config('RESETSTAT');
      const ackA = p.doAck('q', { id: a.id, leaseToken: a.leaseToken }, 7);
      const ackStale = p.doAck('q', { id: b.id, leaseToken: `${b.leaseToken}x` }, 7);
      const taken = await p.doTake('q', { max: 5, leaseMs: 30_000 });
      expect(await ackA).toBe(true);
      expect(await ackStale).toBe(false);
      expect(taken.map((r) => [r.id, r.attempts])).toEqual([['c', 1]]);
      expect(await scriptCalls()).toBe(1);
      const counts = await p.doCount('q');
      expect(counts).toMatchObject({ ready: 0, processing: 2, completed: 1, processingMsTotal: 7 });
    } finally {
      await p.doDisconnect();
    }
  });

  it('a consumer handling one message at a time costs three script calls a message: enqueue, take, and the ack sent with the next take', async () => {
    const prefix = `acktake${++prefixes}`;
    const consumerProvider = provider(prefix);
    const consumer = new MessageQueue({ provider: consumerProvider });
    const producer = new MessageQueue({ provider: provider(prefix) });
    await consumer.connect();
    await producer.connect();
    try {
      const handled: number[] = [];
      consumer.subscribe('q', (message) => void handled.push(message.payload as number));
      // Idle: subscribed to the wake channel and checked the queue once.
      await vi.waitFor(async () => expect(await admin.pubsub('NUMSUB', redisQueueKeys(consumerProvider, 'q').wakeChannel)).toEqual([redisQueueKeys(consumerProvider, 'q').wakeChannel, 1]));
      await vi.waitFor(async () => expect(await scriptCalls()).toBeGreaterThanOrEqual(2));
      // The producer reads the queue's partition count once, at its first use of the queue (docs/scaling.md): not a cost per message.
      expect(await producer.size('q')).toBe(0);
      await admin.config('RESETSTAT');
      const messages = 10;
      for (let i = 0; i < messages; i++) {
        await producer.enqueue('q', producer.createMessage('t', i));
        await vi.waitFor(() => expect(handled).toHaveLength(i + 1));
        // The ack went out with the take that found the queue empty.
        await vi.waitFor(async () => expect(Number(await admin.hget(redisQueueKeys(consumerProvider, 'q').counters, 'c'))).toBe(i + 1));
      }
      expect(await scriptCalls()).toBe(messages * 3);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });
});
