import request from 'supertest';
import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import type { PublishRoute } from '../../src/index.js';
import { createTestApp } from '../helpers/create-test-app.js';

const eventBody = z.strictObject({ conversationId: z.string().min(1), userId: z.string().min(1), score: z.number().optional() });
const publishRoute: PublishRoute<typeof eventBody> = {
  body: eventBody,
  toMessage: (body, _req, topic) => ({ type: topic.split('.').at(-1) ?? 'event', payload: body, options: { userId: body.userId, conversationId: body.conversationId } }),
};
const BODY = { conversationId: 'conv456', userId: 'vip-1', score: 9 };

/** POST /publish/:topic and GET /bindings, on whichever provider the test file chose (useQueueFactory). */
export function publishRoutesSuite(): void {
  describe('POST /publish/:topic', () => {
    test('publishes the validated body to every bound queue and answers what it did', async () => {
      const { app, queue } = await createTestApp({ publishRoute });
      await queue.bind({ pattern: 'conversation.*.closed', queue: 'conversation_events' });
      await queue.bind({ pattern: 'conversation.#', queue: 'analytics', where: { 'metadata.userId': { prefix: 'vip-' } } });
      const res = await request(app).post('/api/queue/publish/conversation.conv456.closed').send(BODY).expect(202);
      expect(res.body).toEqual({
        topic: 'conversation.conv456.closed',
        messageId: expect.any(String),
        messageIds: [`${res.body.messageId}:analytics`, `${res.body.messageId}:conversation_events`],
        routedTo: ['analytics', 'conversation_events'],
      });
      expect(await queue.dequeue('conversation_events')).toMatchObject({ type: 'closed', payload: BODY, metadata: { correlationId: res.body.messageId, userId: 'vip-1' } });
      expect(await queue.dequeue('analytics')).toMatchObject({ type: 'closed' });
    });

    test('a message no binding takes: routedTo [], or 422 unroutable when the route is mandatory (nothing stored)', async () => {
      const plain = await createTestApp({ publishRoute });
      expect((await request(plain.app).post('/api/queue/publish/nobody.listens').send(BODY).expect(202)).body).toMatchObject({ messageIds: [], routedTo: [] });
      const strict = await createTestApp({ publishRoute: { ...publishRoute, mandatory: true } });
      const res = await request(strict.app).post('/api/queue/publish/nobody.listens').send(BODY).expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: 'urn:mq:problem:unroutable', status: 422, code: 'MQ_UNROUTABLE' });
      expect(await strict.queue.listQueues({ allQueues: true })).toEqual([]);
    });

    test('validates like an enqueue route: schema, forbidden keys, malformed JSON, a malformed topic', async () => {
      const { app, queue } = await createTestApp({ publishRoute });
      await queue.bind({ pattern: '#', queue: 'conversation_events' });
      const invalid = await request(app).post('/api/queue/publish/a.b').send({ ...BODY, extra: 1 }).expect(400);
      expect(invalid.body).toMatchObject({ type: 'urn:mq:problem:invalid-body' });
      await request(app).post('/api/queue/publish/a.b').set('content-type', 'application/json').send('{"__proto__": {}, "userId": "u"}').expect(400);
      await request(app).post('/api/queue/publish/a.b').set('content-type', 'application/json').send('{bad').expect(400);
      const topic = await request(app).post('/api/queue/publish/a..b').send(BODY).expect(400);
      expect(topic.body).toMatchObject({ type: 'urn:mq:problem:invalid-request', code: 'MQ_INVALID_ARGUMENT', detail: expect.stringContaining('word 2 is empty') });
      await request(app).post('/api/queue/publish/a.*').send(BODY).expect(400);
      expect(await queue.size('conversation_events')).toBe(0);
    });

    test('asks authorize for the action "publish" and honours its refusal', async () => {
      const actions: string[] = [];
      const { app, queue } = await createTestApp({ publishRoute, authorize: (_req, action) => (actions.push(action), action !== 'publish') });
      await queue.bind({ pattern: '#', queue: 'conversation_events' });
      await request(app).post('/api/queue/publish/a.b').send(BODY).expect(403);
      expect(actions).toEqual(['publish']);
      expect(await queue.size('conversation_events')).toBe(0);
    });

    test('is not served without options.publishRoute', async () => {
      const { app } = await createTestApp();
      const res = await request(app).post('/api/queue/publish/a.b').send(BODY).expect(404);
      expect(res.body).toMatchObject({ type: 'urn:mq:problem:not-found' });
    });
  });

  describe('GET /bindings', () => {
    test('lists the bindings of every instance sharing the store', async () => {
      const { app, queue, peer } = await createTestApp();
      await (await peer()).bind({ pattern: 'conversation.#', queue: 'conversation_events', where: { 'payload.score': { gt: 5 } } });
      await queue.bind({ pattern: 'a.*', queue: 'analytics' });
      const res = await request(app).get('/api/queue/bindings').expect(200);
      expect(res.body).toEqual({
        bindings: [
          { pattern: 'a.*', queue: 'analytics' },
          { pattern: 'conversation.#', queue: 'conversation_events', where: { 'payload.score': { gt: 5 } } },
        ],
      });
    });

    test('the OpenAPI document lists both', async () => {
      const { app } = await createTestApp({ publishRoute });
      const doc = (await request(app).get('/api/queue/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { operationId: string }>> };
      expect(doc.paths['/publish/{topic}']?.post?.operationId).toBe('publish');
      expect(doc.paths['/bindings']?.get?.operationId).toBe('listBindings');
    });
  });
}
