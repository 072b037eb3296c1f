import { ManualClock, MessageQueue } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { createQueueRouter } from '../src/index.js';
import { createTestApp } from './helpers/create-test-app.js';
import { CHAT_BODY } from './helpers/spec-routes.js';
import { idempotencyKeySuite } from './suites/idempotency-key-suite.js';

idempotencyKeySuite();

describe('Idempotency-Key lifetime and options', () => {
  test('the key is kept for idempotencyKeyTtlMs, then a request with it enqueues again', async () => {
    const clock = new ManualClock(1_000_000);
    const queue = new MessageQueue({ provider: createInMemoryProvider({ clock }), clock });
    const { app } = await createTestApp({ queue, idempotencyKeyTtlMs: 60_000 });
    const first = await request(app).post('/api/queue/enqueue/chat').set('Idempotency-Key', 'k').send(CHAT_BODY).expect(202);
    await clock.advance(59_999);
    expect((await request(app).post('/api/queue/enqueue/chat').set('Idempotency-Key', 'k').send(CHAT_BODY)).headers['idempotent-replayed']).toBe('true');
    await clock.advance(1);
    const later = await request(app).post('/api/queue/enqueue/chat').set('Idempotency-Key', 'k').send(CHAT_BODY).expect(202);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.body.messageId).not.toBe(first.body.messageId);
    expect(await queue.size('chat_messages')).toBe(2);
  });

  test('a bad idempotencyKeyTtlMs is refused at start-up', () => {
    const queue = new MessageQueue({ provider: createInMemoryProvider() });
    expect(() => createQueueRouter(queue, { idempotencyKeyTtlMs: 0 })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG', details: expect.objectContaining({ field: 'idempotencyKeyTtlMs' }) }));
  });

  test('POST /publish/:topic refuses the header for now (400 invalid-header), publishing nothing', async () => {
    const { z } = await import('zod');
    const { app } = await createTestApp({ publishRoute: { body: z.object({}).passthrough(), toMessage: (body) => ({ type: 't', payload: body }) } });
    const res = await request(app).post('/api/queue/publish/orders.paid').set('Idempotency-Key', 'p').send({ a: 1 }).expect(400);
    expect(res.body).toMatchObject({ code: 'MQ_INVALID_HEADER' });
  });

  test('the OpenAPI document names the header, the replay header and the 422', async () => {
    const { app } = await createTestApp();
    const doc = (await request(app).get('/api/queue/openapi.json').expect(200)).body;
    expect(doc.paths['/enqueue/chat'].post.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
    expect(doc.components.responses.Enqueued.headers['Idempotent-Replayed']).toBeDefined();
    expect(doc.paths['/enqueue/chat'].post.responses['422']).toEqual({ $ref: '#/components/responses/IdempotencyKeyReused' });
  });
});
