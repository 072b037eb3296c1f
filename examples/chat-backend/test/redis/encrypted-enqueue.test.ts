// MQ_ENCRYPTION_KEYS through the environment, as the app reads it: a REST enqueue stores ciphertext in Redis.
import { createMessageQueue } from '@mq/core';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterEach, expect, test, inject } from 'vitest';
import type { ChatPayloads } from '../../src/chat-payloads.js';
import { CHAT_QUEUE_OPTIONS } from '../../src/queue-service.js';
import { uniquePrefix } from '../helpers/redis-queues.js';
import { startTestBackend, type TestBackend } from '../helpers/start-test-backend.js';

const running: TestBackend[] = [];
afterEach(async () => {
  for (const b of running.splice(0)) await b.close();
});

test('with MQ_ENCRYPTION_KEYS set, POST /api/queue/enqueue/chat stores no plaintext in Redis and the message reads back', async () => {
  const url = `redis://127.0.0.1:${inject('redisPort')}`;
  const prefix = uniquePrefix();
  const env = { MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: url, MQ_ENCRYPTION_KEYS: `2026-12:${Buffer.alloc(32, 9).toString('base64')}`, MQ_COMPRESSION: 'gzip' };
  // The example's own queue options, its variables read from `env` as createMessageQueue() reads process.env.
  const queue = createMessageQueue<ChatPayloads>({ ...CHAT_QUEUE_OPTIONS, env, providerOptions: { prefix } });
  const backend = await startTestBackend({ ROLE: 'api' }, queue);
  running.push(backend);
  const body = { userId: 'user-Sec1', conversationId: 'conv-Sec2', message: 'my card number is Sec3', priority: 7 };
  const { messageId } = (await request(backend.app).post('/api/queue/enqueue/chat').send(body).expect(202)).body as { messageId: string };
  const raw = new Redis(url);
  try {
    const keys = await raw.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    const values: string[] = [];
    for (const key of keys) if ((await raw.type(key)) === 'hash') values.push(...Object.values(await raw.hgetall(key)));
    const stored = values.join('\n');
    expect(stored).toContain('aes-256-gcm');
    expect(stored).toContain('2026-12');
    for (const secret of ['Sec1', 'Sec2', 'Sec3']) expect(stored).not.toContain(secret);
  } finally {
    await raw.quit();
  }
  const message = await queue.dequeue('chat_messages');
  expect(message).toMatchObject({ id: messageId, payload: { message: 'my card number is Sec3' }, metadata: { userId: 'user-Sec1', conversationId: 'conv-Sec2' } });
});
