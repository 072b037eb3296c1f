import { ManualClock } from '@mq/core';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { createTestApp } from './helpers/create-test-app.js';
import { CHAT_BODY } from './helpers/spec-routes.js';

describe('rate limit on enqueue', () => {
  test('over the limit: 429 with Retry-After, and nothing enqueued', async () => {
    const clock = new ManualClock(1_000_000);
    const { app, queue } = await createTestApp({ rateLimit: { max: 2, windowMs: 10_000, clock } });
    await request(app).post('/api/queue/enqueue/chat').send(CHAT_BODY).expect(202).expect('RateLimit-Remaining', '1');
    await request(app).post('/api/queue/enqueue/proactive').send({}).expect(400);
    await clock.advance(4_000);
    const limited = await request(app).post('/api/queue/enqueue/chat').send(CHAT_BODY).expect(429).expect('Retry-After', '6');
    expect(limited.body).toMatchObject({ type: 'urn:mq:problem:rate-limited', code: 'MQ_RATE_LIMITED', status: 429, retryAfterSeconds: 6 });
    expect(await queue.size('chat_messages')).toBe(1);

    await clock.advance(6_000);
    await request(app).post('/api/queue/enqueue/chat').send(CHAT_BODY).expect(202);
    expect(await queue.size('chat_messages')).toBe(2);
  });

  test('counts each client on its own', async () => {
    const { app } = await createTestApp({ rateLimit: { max: 1, key: (req) => req.get('x-client') ?? 'anon' } });
    await request(app).post('/api/queue/enqueue/chat').set('x-client', 'a').send(CHAT_BODY).expect(202);
    await request(app).post('/api/queue/enqueue/chat').set('x-client', 'a').send(CHAT_BODY).expect(429);
    await request(app).post('/api/queue/enqueue/chat').set('x-client', 'b').send(CHAT_BODY).expect(202);
  });

  test('monitoring endpoints are not limited', async () => {
    const { app } = await createTestApp({ rateLimit: { max: 1 } });
    await request(app).get('/api/queue/stats').expect(200);
    await request(app).get('/api/queue/stats').expect(200);
  });

  test('refuses a nonsensical limit', async () => {
    const refused = createTestApp({ rateLimit: { max: 0 } });
    await expect(refused).rejects.toThrow(/max/);
    await expect(refused).rejects.toMatchObject({ name: 'ValidationError', code: 'MQ_INVALID_CONFIG', details: { field: 'rateLimit.max' } });
  });
});
