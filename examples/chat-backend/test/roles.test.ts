import { MessageQueue } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import type { ChatPayloads } from '../src/chat-payloads.js';
import { checkRoleFitsProvider, ConfigError, readConfig } from '../src/config.js';
import { connectSocket, startTestBackend, type TestBackend } from './helpers/start-test-backend.js';

const running: TestBackend[] = [];
afterEach(async () => {
  for (const b of running.splice(0)) await b.close();
});

async function backend(role: string, queue?: MessageQueue<ChatPayloads>): Promise<TestBackend> {
  const b = await startTestBackend({ ROLE: role }, queue);
  running.push(b);
  return b;
}

describe('ROLE', () => {
  test('is all by default; api, worker and all are accepted; anything else is refused', () => {
    expect(readConfig({}).role).toBe('all');
    expect(readConfig({ ROLE: ' Worker ' }).role).toBe('worker');
    expect(readConfig({ ROLE: 'api' }).role).toBe('api');
    expect(() => readConfig({ ROLE: 'both' })).toThrow(new ConfigError('ROLE=both: use api, worker or all (the default).'));
  });

  test('a worker in production needs no tokens (it serves no API); the API does', () => {
    expect(readConfig({ NODE_ENV: 'production', ROLE: 'worker' })).toMatchObject({ role: 'worker', development: false });
    expect(() => readConfig({ NODE_ENV: 'production', ROLE: 'api' })).toThrow(/QUEUE_ADMIN_TOKEN/);
  });

  test('a split role needs a shared provider', () => {
    expect(() => checkRoleFitsProvider('api', 'memory')).toThrow(/ROLE=api needs MESSAGE_QUEUE_PROVIDER=redis/);
    expect(() => checkRoleFitsProvider('worker', 'memory')).toThrow(ConfigError);
    expect(() => checkRoleFitsProvider('all', 'memory')).not.toThrow();
    expect(() => checkRoleFitsProvider('worker', 'redis')).not.toThrow();
  });

  test('api: the HTTP API and Socket.IO, no subscribers', async () => {
    const api = await backend('api');
    expect(api.subscriptions).toEqual([]);
    expect(api.io).toBeDefined();
    await request(api.app).post('/api/queue/enqueue/chat').send({ userId: 'u', conversationId: 'c', message: 'hi' }).expect(202);
    // Nothing here takes it: it waits for a worker.
    expect(await api.queueService.messageQueue.getStats('chat_messages')).toMatchObject({ pendingMessages: 1, processingMessages: 0 });
    const socket = await connectSocket(api.url, { userId: 'u' });
    expect(socket.rooms).toEqual(['user:u']);
    socket.socket.disconnect();
  });

  test('worker: the subscribers and GET /api/queue/health only', async () => {
    const worker = await backend('worker');
    expect(worker.subscriptions).toHaveLength(8);
    expect(worker.io).toBeUndefined();
    expect((await request(worker.app).get('/api/queue/health').expect(200)).body).toEqual({ healthy: true, provider: 'memory', timestamp: expect.any(String) });
    const stats = await request(worker.app).get('/api/queue/stats').expect(404).expect('Content-Type', /application\/problem\+json/);
    expect(stats.body).toMatchObject({ code: 'MQ_NOT_FOUND', detail: expect.stringMatching(/ROLE=worker/) });
    await request(worker.app).post('/api/queue/enqueue/chat').send({ userId: 'u', conversationId: 'c', message: 'hi' }).expect(404);
    await request(worker.app).get('/socket.io/?EIO=4&transport=polling').expect(404);
    expect(worker.logs[0]).toMatch(/^chat backend on http:\/\/localhost:\d+ \(role worker, health only, provider memory/);
  });

  test('worker: health answers 503 once its queue is closed', async () => {
    const worker = await backend('worker', new MessageQueue<ChatPayloads>({ provider: createInMemoryProvider() }));
    await worker.queueService.messageQueue.disconnect();
    expect((await request(worker.app).get('/api/queue/health').expect(503)).body).toMatchObject({ healthy: false, provider: 'memory' });
  });

  test('all: both', async () => {
    const all = await backend('all');
    expect(all.subscriptions).toHaveLength(8);
    expect(all.io).toBeDefined();
    await request(all.app).get('/api/queue/stats').expect(200);
  });
});
