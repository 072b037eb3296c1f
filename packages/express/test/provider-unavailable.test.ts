import { MessageQueue } from '@mq/core';
import express from 'express';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { createQueueRouter } from '../src/index.js';
import { ADMIN_TOKEN, createTestApp } from './helpers/create-test-app.js';
import { CHAT_BODY } from './helpers/spec-routes.js';
import { createSwitchableProvider, INTERNAL_ERROR_TEXT } from './helpers/switchable-provider.js';

async function downApp() {
  // enqueueTimeoutMs 0: these cases check how a failure is answered, not the producer's own retries (core test/queue/enqueue-retry.test.ts).
  const { provider, setDown } = createSwitchableProvider();
  const errors: unknown[] = [];
  const test = await createTestApp({ queue: new MessageQueue({ provider, enqueueTimeoutMs: 0 }), onError: (error) => errors.push(error) });
  setDown(true);
  return { ...test, setDown, errors };
}

describe('provider down', () => {
  test('GET /health answers 503 with healthy: false', async () => {
    const { app } = await downApp();
    const res = await request(app).get('/api/queue/health').expect(503);
    expect(res.body).toEqual({ healthy: false, provider: 'memory', timestamp: expect.any(String) });
  });

  const calls: [string, (app: express.Express) => request.Test][] = [
    ['GET /stats', (app) => request(app).get('/api/queue/stats')],
    ['GET /stats?queueName=', (app) => request(app).get('/api/queue/stats?queueName=chat_messages')],
    ['GET /size', (app) => request(app).get('/api/queue/size/chat_messages')],
    ['DELETE /purge', (app) => request(app).delete('/api/queue/purge/chat_messages').set('Authorization', `Bearer ${ADMIN_TOKEN}`)],
    ['GET /dead-letters', (app) => request(app).get('/api/queue/dead-letters/chat_messages').set('Authorization', `Bearer ${ADMIN_TOKEN}`)],
    ['POST /enqueue/chat', (app) => request(app).post('/api/queue/enqueue/chat').send(CHAT_BODY)],
  ];

  test.each(calls)('%s answers a 503 problem without the provider error text', async (_name, call) => {
    const { app, errors } = await downApp();
    const res = await call(app).expect(503).expect('Content-Type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:mq:problem:provider-unavailable', code: 'MQ_PROVIDER_UNAVAILABLE', status: 503, detail: 'The queue provider is unavailable; try again later.' });
    expect(res.headers['retry-after']).toBe('5');
    expect(res.text).not.toContain('ECONNREFUSED');
    expect(res.text).not.toContain(INTERNAL_ERROR_TEXT);
    expect(errors).toHaveLength(1);
  });

  test('an enqueue refused while down is not stored once the provider is back', async () => {
    const { app, setDown, queue } = await downApp();
    await request(app).post('/api/queue/enqueue/chat').send(CHAT_BODY).expect(503);
    setDown(false);
    expect(await queue.size('chat_messages')).toBe(0);
    await request(app).get('/api/queue/health').expect(200);
  });

  test('a queue that is not connected answers 503', async () => {
    const { provider } = createSwitchableProvider();
    const app = express().use('/api/queue', createQueueRouter(new MessageQueue({ provider, enqueueTimeoutMs: 0 })));
    expect((await request(app).get('/api/queue/stats').expect(503)).body.code).toBe('MQ_PROVIDER_UNAVAILABLE');
  });
});

describe('unexpected errors', () => {
  test('answer 500 with a fixed detail and no stack', async () => {
    const { specRoutes } = await import('./helpers/spec-routes.js');
    const errors: unknown[] = [];
    const { app } = await createTestApp({
      onError: (error) => errors.push(error),
      enqueueRoutes: {
        chat: {
          ...specRoutes.chat,
          toMessage: () => {
            throw new Error('database password is hunter2');
          },
        },
      },
    });
    const res = await request(app).post('/api/queue/enqueue/chat').send(CHAT_BODY).expect(500);
    expect(res.body).toEqual({ type: 'urn:mq:problem:internal', title: 'Internal error', status: 500, code: 'MQ_INTERNAL', detail: 'The request failed unexpectedly.', instance: '/api/queue/enqueue/chat' });
    expect(res.text).not.toContain('hunter2');
    expect(errors).toHaveLength(1);
  });
});
