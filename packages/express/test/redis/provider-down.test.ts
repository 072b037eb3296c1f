import { MessageQueue } from '@mq/core';
import { createRedisProvider } from '@mq/redis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startRedisServer, type RedisServer } from '../../../redis/test/support/redis-server.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from '../helpers/create-test-app.js';
import { CHAT_BODY } from '../helpers/spec-routes.js';

// A Redis server of this file's own, stopped for real: the router must answer 503 problems.
describe('Redis down', () => {
  let server: RedisServer;
  let subject: TestApp;
  const errors: unknown[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
    const queue = new MessageQueue({ provider: createRedisProvider({ url: `redis://127.0.0.1:${server.port}`, commandTimeoutMs: 1000, connectTimeoutMs: 1000 }), enqueueTimeoutMs: 0 });
    subject = await createTestApp({ queue, onError: (error) => errors.push(error) });
    await request(subject.app).post('/api/queue/enqueue/chat').send(CHAT_BODY).expect(202);
    await server.stop();
  });
  afterAll(async () => {
    await server.stop();
  });

  test('GET /health answers 503 with healthy: false', async () => {
    expect((await request(subject.app).get('/api/queue/health').expect(503)).body).toEqual({ healthy: false, provider: 'redis', timestamp: expect.any(String) });
  });

  test.each([
    ['GET /stats', () => request(subject.app).get('/api/queue/stats')],
    ['GET /size', () => request(subject.app).get('/api/queue/size/chat_messages')],
    ['DELETE /purge', () => request(subject.app).delete('/api/queue/purge/chat_messages').set('Authorization', `Bearer ${ADMIN_TOKEN}`)],
    ['POST /enqueue/chat', () => request(subject.app).post('/api/queue/enqueue/chat').send(CHAT_BODY)],
  ])('%s answers a 503 problem with no Redis text', async (_name, call) => {
    const res = await call().expect(503).expect('Content-Type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:mq:problem:provider-unavailable', code: 'MQ_PROVIDER_UNAVAILABLE', detail: 'The queue provider is unavailable; try again later.' });
    expect(res.text).not.toMatch(/ECONNREFUSED|ioredis|Connection is closed|127\.0\.0\.1/i);
  });
});
