import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMqError, MessageQueue } from '@mq/core';
import { expect, it, vi } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import { freePort, startRedisServer } from './support/redis-server.js';

it('a running subscriber resumes on its own after Redis restarts (AOF), and no acknowledged enqueue is lost', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mq-restart-'));
  const port = await freePort();
  const aof = { port, dir, appendonly: true, extraArgs: ['--appendfsync', 'always'] };
  let server = await startRedisServer(aof);
  const url = `redis://127.0.0.1:${port}`;
  const producer = new MessageQueue({ provider: createRedisProvider({ url, commandTimeoutMs: 1000 }) });
  const consumer = new MessageQueue({ provider: createRedisProvider({ url, commandTimeoutMs: 1000 }) });
  const errors: unknown[] = [];
  consumer.on('error', (e) => errors.push(e));
  try {
    await producer.connect();
    await consumer.connect();
    const seen = new Set<unknown>();
    const subscription = consumer.subscribe('work', (m) => void seen.add(m.payload), { concurrency: 4 });
    const first = Array.from({ length: 20 }, (_, i) => producer.createMessage('t', `before-${i}`));
    await producer.enqueueMany('work', first);
    await vi.waitFor(() => expect(seen.size).toBe(20), { timeout: 10_000 });
    const kept = await producer.enqueueMany('kept', Array.from({ length: 20 }, (_, i) => producer.createMessage('t', i)));

    await server.stop('SIGKILL');
    await expect(producer.enqueue('work', producer.createMessage('t', 'while-down'))).rejects.toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_UNAVAILABLE'));
    expect((await producer.health()).healthy).toBe(false);

    server = await startRedisServer(aof);
    await vi.waitFor(async () => expect((await producer.health()).healthy).toBe(true), { timeout: 10_000 });
    expect(await producer.size('kept')).toBe(kept.length);
    await producer.enqueueMany('work', Array.from({ length: 20 }, (_, i) => producer.createMessage('t', `after-${i}`)));
    await vi.waitFor(() => expect(seen.size).toBe(40), { timeout: 15_000 });
    expect(subscription.closed).toBe(false);
    expect(errors.every((e) => isMqError(e))).toBe(true);
  } finally {
    await producer.disconnect();
    await consumer.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
