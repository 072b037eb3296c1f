import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { CHAT_BODY } from '../helpers/spec-routes.js';
import { createTestApp } from '../helpers/create-test-app.js';

/** Paths and methods the router does not serve, on whichever provider the test file chose (useQueueFactory). */
export function unmatchedRoutesSuite(): void {
  describe('an unknown path under the mount point', () => {
    test('is a 404 problem, not Express\'s HTML page', async () => {
      const { app } = await createTestApp();
      for (const path of ['/api/queue/nope', '/api/queue/', '/api/queue/size', '/api/queue/size/chat_messages/extra', '/api/queue/dead-letters/chat_messages/replay/now']) {
        const res = await request(app).get(path).expect(404).expect('Content-Type', /application\/problem\+json/);
        expect(res.body, path).toMatchObject({ type: 'urn:mq:problem:not-found', status: 404, code: 'MQ_NOT_FOUND', title: expect.any(String), detail: expect.any(String), instance: path });
      }
      expect((await request(app).post('/api/queue/nope').send(CHAT_BODY).expect(404)).body.code).toBe('MQ_NOT_FOUND');
    });

    test('does not reach onError (it is the client\'s mistake)', async () => {
      const seen: unknown[] = [];
      const { app } = await createTestApp({ onError: (error) => seen.push(error) });
      await request(app).get('/api/queue/nope').expect(404);
      await request(app).put('/api/queue/health').expect(405);
      expect(seen).toEqual([]);
    });
  });

  describe('a known path with a method it does not serve', () => {
    test('is a 405 problem whose Allow header lists the methods it serves', async () => {
      const { app } = await createTestApp();
      const cases: [method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, allow: string][] = [
        ['post', '/api/queue/health', 'GET, HEAD'],
        ['patch', '/api/queue/stats', 'GET, HEAD'],
        ['delete', '/api/queue/size/chat_messages', 'GET, HEAD'],
        ['get', '/api/queue/purge/chat_messages', 'DELETE'],
        ['put', '/api/queue/dead-letters/chat_messages', 'GET, HEAD, DELETE'],
        ['get', '/api/queue/dead-letters/chat_messages/replay', 'POST'],
        ['get', '/api/queue/enqueue/chat', 'POST'],
        ['get', '/api/queue/enqueue/no_such_route', 'POST'],
        ['post', '/api/queue/openapi.json', 'GET, HEAD'],
      ];
      for (const [method, path, allow] of cases) {
        const res = await request(app)[method](path).expect(405).expect('Content-Type', /application\/problem\+json/);
        expect(res.headers.allow, `${method} ${path}`).toBe(allow);
        expect(res.body, `${method} ${path}`).toMatchObject({ type: 'urn:mq:problem:method-not-allowed', status: 405, code: 'MQ_METHOD_NOT_ALLOWED', allow: allow.split(', '), instance: path });
        expect(res.body.detail).toContain(method.toUpperCase());
      }
    });

    test('is answered before authorization and before the body is read', async () => {
      const { app, queue } = await createTestApp();
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 1 }));
      // No credentials, a malformed body: still a 405, and nothing changed.
      await request(app).post('/api/queue/purge/chat_messages').set('Content-Type', 'application/json').send('{oops').expect(405).expect('Allow', 'DELETE');
      expect(await queue.size('chat_messages')).toBe(1);
    });

    test('OPTIONS answers 204 with Allow', async () => {
      const { app } = await createTestApp();
      await request(app).options('/api/queue/dead-letters/chat_messages').expect(204).expect('Allow', 'GET, HEAD, DELETE');
      await request(app).options('/api/queue/enqueue/chat').expect(204).expect('Allow', 'POST');
    });

    test('HEAD of a GET endpoint is served, not refused', async () => {
      const { app } = await createTestApp();
      await request(app).head('/api/queue/health').expect(200);
    });
  });
}
