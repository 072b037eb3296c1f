import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createTestApp, deadLetterOne } from '../helpers/create-test-app.js';

/** The management routes endpoints, on whichever provider the test file chose (useQueueFactory). */
export function managementRoutesSuite(): void {
  const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

  describe('DELETE /purge/:queueName', () => {
    test('removes every waiting message and says how many', async () => {
      const { app, queue } = await createTestApp();
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 1 }));
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 2 }, { delayMs: 60_000 }));
      await queue.enqueue('agent_responses', queue.createMessage('agent_response', { m: 3 }));
      const res = await request(app).delete('/api/queue/purge/chat_messages').set(auth).expect(200);
      expect(res.body).toEqual({ queueName: 'chat_messages', purged: 2 });
      expect(await queue.size('chat_messages')).toBe(0);
      expect(await queue.size('agent_responses')).toBe(1);
    });

    test('401 without credentials (with WWW-Authenticate), 403 with wrong ones; nothing is purged', async () => {
      const { app, queue } = await createTestApp();
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 1 }));
      const missing = await request(app).delete('/api/queue/purge/chat_messages').expect(401).expect('WWW-Authenticate', 'Bearer realm="queue"');
      expect(missing.body).toMatchObject({ type: 'urn:mq:problem:unauthorized', code: 'MQ_UNAUTHORIZED', status: 401 });
      const wrong = await request(app).delete('/api/queue/purge/chat_messages').set('Authorization', 'Bearer nope').expect(403);
      expect(wrong.body).toMatchObject({ type: 'urn:mq:problem:forbidden', code: 'MQ_FORBIDDEN' });
      expect(await queue.size('chat_messages')).toBe(1);
    });

    test('without an authorize hook, management is refused and reads are allowed', async () => {
      const { app, queue } = await createTestApp({ authorize: undefined });
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 1 }));
      expect((await request(app).delete('/api/queue/purge/chat_messages').set(auth).expect(403)).body.detail).toMatch(/authorize hook/);
      await request(app).get('/api/queue/dead-letters/chat_messages').expect(403);
      await request(app).get('/api/queue/stats').expect(200);
      expect(await queue.size('chat_messages')).toBe(1);
    });

    test('the hook sees the action and queue name', async () => {
      const seen: unknown[] = [];
      const { app } = await createTestApp({ authorize: (_req, action, queueName) => (seen.push([action, queueName]), action !== 'size') });
      await request(app).get('/api/queue/stats?queueName=chat_messages').expect(200);
      await request(app).get('/api/queue/size/agent_responses').expect(403);
      await request(app).delete('/api/queue/purge/chat_messages').expect(200);
      expect(seen).toEqual([
        ['stats', 'chat_messages'],
        ['size', 'agent_responses'],
        ['purge', 'chat_messages'],
      ]);
    });

    test('400 and 404 for bad and unknown queue names', async () => {
      const { app } = await createTestApp();
      expect((await request(app).delete('/api/queue/purge/bad%20name').set(auth).expect(400)).body.code).toBe('MQ_INVALID_QUEUE_NAME');
      expect((await request(app).delete('/api/queue/purge/unknown').set(auth).expect(404)).body.code).toBe('MQ_QUEUE_NOT_FOUND');
    });
  });

  describe('DELETE /queues/:queueName', () => {
    test('deletes the queue entirely: messages, dead letters and counters; it leaves the stats', async () => {
      const { app, queue } = await createTestApp();
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 1 }));
      await deadLetterOne(queue, 'chat_messages');
      await queue.enqueue('agent_responses', queue.createMessage('agent_response', { m: 2 }));
      const res = await request(app).delete('/api/queue/queues/chat_messages').set(auth).expect(200);
      expect(res.body).toEqual({ queueName: 'chat_messages', deleted: true });
      const stats = await request(app).get('/api/queue/stats').expect(200);
      expect(stats.body).toMatchObject({ queues: ['agent_responses'], totalMessages: 1, failedMessages: 0 });
      expect(await queue.deadLetters('chat_messages')).toEqual([]);
      expect(await queue.size('agent_responses')).toBe(1);
    });

    test('needs the admin guard: 401 without credentials, 403 with wrong ones; nothing is deleted', async () => {
      const { app, queue } = await createTestApp();
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 1 }));
      await request(app).delete('/api/queue/queues/chat_messages').expect(401);
      await request(app).delete('/api/queue/queues/chat_messages').set('Authorization', 'Bearer nope').expect(403);
      const refused = await createTestApp({ authorize: undefined, queue });
      await request(refused.app).delete('/api/queue/queues/chat_messages').set(auth).expect(403);
      expect(await queue.size('chat_messages')).toBe(1);
    });

    test('400 and 404 for bad and unknown queue names', async () => {
      const { app } = await createTestApp();
      expect((await request(app).delete('/api/queue/queues/bad%20name').set(auth).expect(400)).body.code).toBe('MQ_INVALID_QUEUE_NAME');
      expect((await request(app).delete('/api/queue/queues/unknown').set(auth).expect(404)).body.code).toBe('MQ_QUEUE_NOT_FOUND');
    });
  });

  describe('dead letters', () => {
    test('GET lists them oldest first, with paging', async () => {
      const { app, queue } = await createTestApp();
      const first = await deadLetterOne(queue, 'chat_messages', { n: 1 });
      const second = await deadLetterOne(queue, 'chat_messages', { n: 2 });
      const res = await request(app).get('/api/queue/dead-letters/chat_messages').set(auth).expect(200);
      expect(res.body).toMatchObject({ queueName: 'chat_messages', offset: 0, limit: 100 });
      expect(res.body.deadLetters.map((d: { id: string }) => d.id)).toEqual([first, second]);
      expect(res.body.deadLetters[0]).toMatchObject({ payload: { n: 1 }, error: { name: 'Error', message: 'boom' }, queueName: 'chat_messages', failedAt: expect.any(Number) });
      const page = await request(app).get('/api/queue/dead-letters/chat_messages?offset=1&limit=1').set(auth).expect(200);
      expect(page.body.deadLetters.map((d: { id: string }) => d.id)).toEqual([second]);
    });

    test('bad paging is a 400', async () => {
      const { app } = await createTestApp();
      expect((await request(app).get('/api/queue/dead-letters/chat_messages?limit=abc').set(auth).expect(400)).body.code).toBe('MQ_INVALID_QUERY');
      expect((await request(app).get('/api/queue/dead-letters/chat_messages?limit=0').set(auth).expect(400)).body.code).toBe('MQ_INVALID_ARGUMENT');
      expect((await request(app).get('/api/queue/dead-letters/chat_messages?limit=5000').set(auth).expect(400)).body.code).toBe('MQ_INVALID_ARGUMENT');
    });

    test('POST replay with ids puts those back and reports unknown ids', async () => {
      const { app, queue } = await createTestApp();
      const first = await deadLetterOne(queue, 'chat_messages');
      const second = await deadLetterOne(queue, 'chat_messages');
      const res = await request(app).post('/api/queue/dead-letters/chat_messages/replay').set(auth).send({ ids: [first, 'missing-id'] }).expect(200);
      expect(res.body).toEqual({ queueName: 'chat_messages', replayed: [first], notFound: ['missing-id'] });
      expect(await queue.size('chat_messages')).toBe(1);
      expect((await queue.deadLetters('chat_messages')).map((d) => d.id)).toEqual([second]);
    });

    test('POST replay without a body replays all', async () => {
      const { app, queue } = await createTestApp();
      await deadLetterOne(queue, 'chat_messages');
      await deadLetterOne(queue, 'chat_messages');
      const res = await request(app).post('/api/queue/dead-letters/chat_messages/replay').set(auth).expect(200);
      expect(res.body.replayed).toHaveLength(2);
      expect(await queue.size('chat_messages')).toBe(2);
    });

    test('DELETE purges some or all', async () => {
      const { app, queue } = await createTestApp();
      const first = await deadLetterOne(queue, 'chat_messages');
      await deadLetterOne(queue, 'chat_messages');
      await deadLetterOne(queue, 'chat_messages');
      expect((await request(app).delete('/api/queue/dead-letters/chat_messages').set(auth).send({ ids: [first] }).expect(200)).body).toEqual({ queueName: 'chat_messages', purged: 1 });
      expect((await request(app).delete('/api/queue/dead-letters/chat_messages').set(auth).expect(200)).body).toEqual({ queueName: 'chat_messages', purged: 2 });
      expect(await queue.deadLetters('chat_messages')).toEqual([]);
    });

    test('bad bodies and missing credentials change nothing', async () => {
      const { app, queue } = await createTestApp();
      await deadLetterOne(queue, 'chat_messages');
      await request(app).post('/api/queue/dead-letters/chat_messages/replay').send({}).expect(401);
      await request(app).delete('/api/queue/dead-letters/chat_messages').set('Authorization', 'Bearer wrong').expect(403);
      expect((await request(app).post('/api/queue/dead-letters/chat_messages/replay').set(auth).send({ ids: 'x' }).expect(400)).body.code).toBe('MQ_INVALID_BODY');
      expect((await request(app).post('/api/queue/dead-letters/chat_messages/replay').set(auth).send({ ids: [], all: true }).expect(400)).body.code).toBe('MQ_INVALID_BODY');
      expect((await request(app).post('/api/queue/dead-letters/chat_messages/replay').set(auth).send({ ids: ['bad id!'] }).expect(400)).body.code).toBe('MQ_INVALID_MESSAGE');
      expect((await request(app).delete('/api/queue/dead-letters/chat_messages').set(auth).set('Content-Type', 'application/json').send('{"ids":').expect(400)).body.code).toBe('MQ_MALFORMED_JSON');
      expect(await queue.deadLetters('chat_messages')).toHaveLength(1);
      expect(await queue.size('chat_messages')).toBe(0);
    });
  });
}
