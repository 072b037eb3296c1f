import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/create-test-app.js';
import { CHAT_BODY, PROACTIVE_BODY } from '../helpers/spec-routes.js';

/** The enqueue routes endpoints, on whichever provider the test file chose (useQueueFactory). */
export function enqueueRoutesSuite(): void {
  describe('POST /enqueue/chat', () => {
    test("enqueues the spec's chat body as a message with its priority and metadata", async () => {
      const { app, queue } = await createTestApp();
      const res = await request(app).post('/api/queue/enqueue/chat').send(CHAT_BODY).expect(202);
      expect(res.body).toEqual({ messageId: expect.any(String), queueName: 'chat_messages' });
      const message = await queue.dequeue('chat_messages');
      expect(message).toMatchObject({
        id: res.body.messageId,
        type: 'chat_message',
        priority: 7,
        payload: { userId: 'user123', conversationId: 'conv456', message: 'Hello world!' },
        metadata: { userId: 'user123', conversationId: 'conv456' },
      });
    });

    test('defaults the priority to 5', async () => {
      const { app, queue } = await createTestApp();
      const { priority: _p, ...body } = CHAT_BODY;
      await request(app).post('/api/queue/enqueue/chat').send(body).expect(202);
      expect((await queue.dequeue('chat_messages'))?.priority).toBe(5);
    });
  });

  describe('POST /enqueue/proactive', () => {
    test("enqueues the spec's proactive body", async () => {
      const { app, queue } = await createTestApp();
      const res = await request(app).post('/api/queue/enqueue/proactive').send(PROACTIVE_BODY).expect(202);
      expect(res.body.queueName).toBe('proactive_actions');
      const message = await queue.dequeue('proactive_actions');
      expect(message).toMatchObject({ type: 'proactive_action', priority: 8, delayMs: 0, payload: { actionType: 'greeting', agentType: 'general', timing: 'immediate' } });
    });

    test('a delayed action waits', async () => {
      const { app, queue } = await createTestApp();
      await request(app)
        .post('/api/queue/enqueue/proactive')
        .send({ ...PROACTIVE_BODY, timing: 'delayed', delayMs: 60_000 })
        .expect(202);
      expect(await queue.getStats('proactive_actions')).toMatchObject({ delayedMessages: 1, readyMessages: 0 });
    });
  });

  describe('rejected enqueue requests enqueue nothing', () => {
    const cases: [string, (r: request.Test) => request.Test, number, string][] = [
      ['malformed JSON', (r) => r.set('Content-Type', 'application/json').send('{"userId": "user123",'), 400, 'MQ_MALFORMED_JSON'],
      ['no body', (r) => r, 400, 'MQ_INVALID_BODY'],
      ['a body that is not JSON', (r) => r.set('Content-Type', 'text/plain').send('hello'), 415, 'MQ_UNSUPPORTED_MEDIA_TYPE'],
      ['an unknown field', (r) => r.send({ ...CHAT_BODY, admin: true }), 400, 'MQ_INVALID_BODY'],
      ['a missing field', (r) => r.send({ userId: 'u', message: 'm' }), 400, 'MQ_INVALID_BODY'],
      ['a priority out of range', (r) => r.send({ ...CHAT_BODY, priority: 11 }), 400, 'MQ_INVALID_BODY'],
      ['a wrong type', (r) => r.send({ ...CHAT_BODY, message: 42 }), 400, 'MQ_INVALID_BODY'],
      ['an array body', (r) => r.send([CHAT_BODY]), 400, 'MQ_INVALID_BODY'],
      ['a body over 1 MB', (r) => r.send({ ...CHAT_BODY, message: 'x'.repeat(1024 * 1024) }), 413, 'MQ_PAYLOAD_TOO_LARGE'],
      ['__proto__ at the top', (r) => r.set('Content-Type', 'application/json').send(`{"__proto__":{"polluted":true},${JSON.stringify(CHAT_BODY).slice(1)}`), 400, 'MQ_INVALID_BODY'],
      ['constructor.prototype nested', (r) => r.set('Content-Type', 'application/json').send('{"userId":"u","x":{"constructor":{"prototype":{"polluted":true}}}}'), 400, 'MQ_INVALID_BODY'],
    ];

    test.each(cases)('%s', async (_name, build, status, code) => {
      const { app, queue } = await createTestApp();
      const res = await build(request(app).post('/api/queue/enqueue/chat')).expect(status).expect('Content-Type', /application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:mq:problem:/), title: expect.any(String), detail: expect.any(String) });
      expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
      expect((await queue.getStats()).totalMessages).toBe(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    test('forbidden keys are named, whatever the schema would allow', async () => {
      const { app } = await createTestApp();
      const res = await request(app).post('/api/queue/enqueue/chat').set('Content-Type', 'application/json').send('{"userId":"u","meta":{"a":[{"__proto__":{"polluted":1}}]}}').expect(400);
      expect(res.body).toMatchObject({ code: 'MQ_INVALID_BODY', field: 'meta.a[0].__proto__' });
    });

    test('invalid-body lists every issue with its path', async () => {
      const { app } = await createTestApp();
      const res = await request(app).post('/api/queue/enqueue/chat').send({ userId: '', conversationId: 'c', message: 'm', extra: 1 }).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'userId' }), expect.objectContaining({ path: '' })]));
    });

    test('the body limit is configurable', async () => {
      const { app, queue } = await createTestApp({ bodyLimit: 64 });
      const res = await request(app).post('/api/queue/enqueue/chat').send({ ...CHAT_BODY, message: 'x'.repeat(100) }).expect(413);
      expect(res.body).toMatchObject({ code: 'MQ_PAYLOAD_TOO_LARGE', limitBytes: 64 });
      await request(app).post('/api/queue/enqueue/chat').send({ ...CHAT_BODY, message: 'short' }).expect(413);
      expect(await queue.size('chat_messages')).toBe(0);
    });

    test('an unknown route is a 404 problem', async () => {
      const { app } = await createTestApp();
      const res = await request(app).post('/api/queue/enqueue/nope').send(CHAT_BODY).expect(404);
      expect(res.body).toMatchObject({ code: 'MQ_ROUTE_NOT_FOUND', routes: ['chat', 'proactive'] });
    });

    test('a message the core refuses (toMessage gave a bad priority) is a 400 with the core code', async () => {
      const { specRoutes } = await import('../helpers/spec-routes.js');
      const { app, queue } = await createTestApp({
        enqueueRoutes: { chat: { ...specRoutes.chat, toMessage: () => ({ type: 't', payload: {}, options: { priority: 0 } }) } },
      });
      const res = await request(app).post('/api/queue/enqueue/chat').send(CHAT_BODY).expect(400);
      expect(res.body).toMatchObject({ code: 'MQ_INVALID_PRIORITY', type: 'urn:mq:problem:invalid-request' });
      expect(await queue.size('chat_messages')).toBe(0);
    });

    test('a duplicate message id is a 409', async () => {
      const { specRoutes } = await import('../helpers/spec-routes.js');
      const { app, queue } = await createTestApp({
        enqueueRoutes: { chat: { ...specRoutes.chat, toMessage: () => ({ type: 't', payload: {}, options: { id: 'fixed-id' } }) } },
      });
      await request(app).post('/api/queue/enqueue/chat').send(CHAT_BODY).expect(202);
      expect((await request(app).post('/api/queue/enqueue/chat').send(CHAT_BODY).expect(409)).body.code).toBe('MQ_DUPLICATE_MESSAGE_ID');
      expect(await queue.size('chat_messages')).toBe(1);
    });
  });

  describe('router configuration', () => {
    test('refuses routes it could never serve', async () => {
      const { specRoutes } = await import('../helpers/spec-routes.js');
      const badName = createTestApp({ enqueueRoutes: { 'bad name': specRoutes.chat } });
      await expect(badName).rejects.toThrow(/route name/);
      await expect(badName).rejects.toMatchObject({ name: 'ValidationError', code: 'MQ_INVALID_CONFIG' });
      const unlisted = createTestApp({ enqueueRoutes: { chat: { ...specRoutes.chat, queueName: 'not_listed' } } });
      await expect(unlisted).rejects.toThrow(/not in options.queues/);
      await expect(unlisted).rejects.toMatchObject({ name: 'ValidationError', code: 'MQ_INVALID_CONFIG' });
      const noSchema = createTestApp({ enqueueRoutes: { chat: { ...specRoutes.chat, body: {} as never } } });
      await expect(noSchema).rejects.toThrow(/Standard Schema/);
      await expect(noSchema).rejects.toMatchObject({ name: 'ValidationError', code: 'MQ_INVALID_CONFIG' });
    });
  });
}
