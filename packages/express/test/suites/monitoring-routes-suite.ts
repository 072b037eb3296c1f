import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { CHAT_BODY } from '../helpers/spec-routes.js';
import { createTestApp, providerName } from '../helpers/create-test-app.js';

/** The monitoring routes endpoints, on whichever provider the test file chose (useQueueFactory). */
export function monitoringRoutesSuite(): void {
  const STATS_KEYS = ['totalMessages', 'pendingMessages', 'processingMessages', 'completedMessages', 'failedMessages', 'avgProcessingTime', 'queues', 'provider', 'healthy'];

  describe('GET /health', () => {
    test('answers the spec shape { healthy, provider, timestamp }', async () => {
      const { app } = await createTestApp();
      const res = await request(app).get('/api/queue/health').expect(200).expect('Content-Type', /application\/json/);
      // On Redis the report also carries the persistence in force (appendonly, appendfsync).
      expect(res.body).toEqual({ healthy: true, provider: providerName(), timestamp: expect.any(String), ...(providerName() === 'redis' ? { persistence: { appendonly: expect.any(String), appendfsync: expect.any(String) } } : {}) });
      expect(new Date(res.body.timestamp).toISOString()).toBe(res.body.timestamp);
    });
  });

  describe('GET /stats', () => {
    test('answers the spec shape over all queues', async () => {
      const { app, queue } = await createTestApp();
      await request(app).post('/api/queue/enqueue/chat').send(CHAT_BODY).expect(202);
      await queue.enqueue('agent_responses', queue.createMessage('agent_response', { text: 'hi' }));
      const res = await request(app).get('/api/queue/stats').expect(200);
      expect(Object.keys(res.body).sort()).toEqual([...STATS_KEYS].sort());
      expect(res.body).toMatchObject({ totalMessages: 2, pendingMessages: 2, processingMessages: 0, completedMessages: 0, failedMessages: 0, avgProcessingTime: 0, provider: providerName(), healthy: true });
      expect(res.body.queues).toEqual(['agent_responses', 'chat_messages']);
    });

    test('?queueName= answers one queue with its ready/delayed split', async () => {
      const { app, queue } = await createTestApp();
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 1 }));
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 2 }, { delayMs: 60_000 }));
      await queue.enqueue('agent_responses', queue.createMessage('agent_response', { m: 3 }));
      const res = await request(app).get('/api/queue/stats?queueName=chat_messages').expect(200);
      expect(res.body).toMatchObject({ queueName: 'chat_messages', totalMessages: 2, pendingMessages: 2, readyMessages: 1, delayedMessages: 1, queues: ['chat_messages'], provider: providerName(), healthy: true });
    });

    // Fair groups: the in-memory provider has them; Redis refuses groupId (MQ_UNSUPPORTED) until it does.
    test.runIf(providerName() === 'memory')('?queueName=&topGroups= adds the groups with the most ready messages', async () => {
      const { app, queue } = await createTestApp();
      const message = (groupId: string) => queue.createMessage('chat_message', { groupId }, { groupId });
      await queue.enqueueMany('chat_messages', [message('tenant-1'), message('tenant-2'), message('tenant-2'), queue.createMessage('chat_message', {})]);
      const res = await request(app).get('/api/queue/stats?queueName=chat_messages&topGroups=1').expect(200);
      expect(res.body).toMatchObject({ queueName: 'chat_messages', readyMessages: 4, groups: [{ groupId: 'tenant-2', waiting: 2 }] });
      expect((await request(app).get('/api/queue/stats?queueName=chat_messages').expect(200)).body).not.toHaveProperty('groups');
      const bad = await request(app).get('/api/queue/stats?queueName=chat_messages&topGroups=0').expect(400);
      expect(bad.body).toMatchObject({ status: 400, code: 'MQ_INVALID_ARGUMENT' });
      const alone = await request(app).get('/api/queue/stats?topGroups=3').expect(400);
      expect(alone.body).toMatchObject({ code: 'MQ_INVALID_QUERY', field: 'topGroups' });
    });

    // Redis spreads a queue declared with 3 partitions over 3 store queues; memory keeps it as one (one entry, partition 0).
    test('?queueName=&partitions=true adds each partition\'s counts, summing to the totals', async () => {
      const { app, queue } = await createTestApp();
      await queue.declareQueue('chat_messages', { partitions: 3 });
      await queue.enqueueMany('chat_messages', Array.from({ length: 9 }, (_, i) => queue.createMessage('chat_message', { i }, { id: `p${i}` })));
      const res = await request(app).get('/api/queue/stats?queueName=chat_messages&partitions=true').expect(200);
      const partitions = res.body.partitions as { partition: number; counts: { readyMessages: number; totalMessages: number } }[];
      expect(partitions.map((p) => p.partition)).toEqual(providerName() === 'redis' ? [0, 1, 2] : [0]);
      expect(partitions.reduce((n, p) => n + p.counts.readyMessages, 0)).toBe(9);
      expect(res.body).toMatchObject({ readyMessages: 9, totalMessages: 9 });
      expect((await request(app).get('/api/queue/stats?queueName=chat_messages&partitions=false').expect(200)).body).not.toHaveProperty('partitions');
      const bad = await request(app).get('/api/queue/stats?queueName=chat_messages&partitions=yes').expect(400);
      expect(bad.body).toMatchObject({ code: 'MQ_INVALID_QUERY', field: 'partitions' });
      const alone = await request(app).get('/api/queue/stats?partitions=true').expect(400);
      expect(alone.body).toMatchObject({ code: 'MQ_INVALID_QUERY', field: 'partitions' });
    });

    test('rejects a malformed, unknown or repeated queueName', async () => {
      const { app } = await createTestApp();
      const bad = await request(app).get('/api/queue/stats?queueName=no%20spaces').expect(400).expect('Content-Type', /application\/problem\+json/);
      expect(bad.body).toMatchObject({ type: 'urn:mq:problem:invalid-queue-name', status: 400, code: 'MQ_INVALID_QUEUE_NAME' });
      const unknown = await request(app).get('/api/queue/stats?queueName=nope').expect(404);
      expect(unknown.body).toMatchObject({ type: 'urn:mq:problem:queue-not-found', code: 'MQ_QUEUE_NOT_FOUND', instance: '/api/queue/stats?queueName=nope' });
      const twice = await request(app).get('/api/queue/stats?queueName=a&queueName=b').expect(400);
      expect(twice.body).toMatchObject({ type: 'urn:mq:problem:invalid-query', code: 'MQ_INVALID_QUERY' });
    });
  });

  describe('GET /stats scopes', () => {
    test("covers this app's queues; ?all=true every queue under the provider", async () => {
      const { app, queue, peer } = await createTestApp();
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 1 }));
      const otherApp = await peer();
      await otherApp.enqueue('other_app_jobs', otherApp.createMessage('job', { m: 2 }));
      const own = await request(app).get('/api/queue/stats').expect(200);
      expect(own.body).toMatchObject({ queues: ['chat_messages'], totalMessages: 1 });
      const all = await request(app).get('/api/queue/stats?all=true').expect(200);
      expect(all.body).toMatchObject({ queues: ['chat_messages', 'other_app_jobs'], totalMessages: 2 });
      expect((await request(app).get('/api/queue/stats?all=false').expect(200)).body.queues).toEqual(['chat_messages']);
    });

    test('400 for a malformed all, or all together with queueName', async () => {
      const { app } = await createTestApp();
      const bad = await request(app).get('/api/queue/stats?all=yes').expect(400);
      expect(bad.body).toMatchObject({ code: 'MQ_INVALID_QUERY', field: 'all' });
      const both = await request(app).get('/api/queue/stats?all=true&queueName=chat_messages').expect(400);
      expect(both.body).toMatchObject({ code: 'MQ_INVALID_QUERY', field: 'all' });
    });
  });

  describe('GET /size/:queueName', () => {
    test('counts ready and delayed messages', async () => {
      const { app, queue } = await createTestApp();
      expect((await request(app).get('/api/queue/size/chat_messages').expect(200)).body).toEqual({ queueName: 'chat_messages', size: 0 });
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 1 }));
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { m: 2 }, { delayMs: 60_000 }));
      expect((await request(app).get('/api/queue/size/chat_messages').expect(200)).body).toEqual({ queueName: 'chat_messages', size: 2 });
    });

    test('400 for an invalid name, 404 for a queue the app does not have', async () => {
      const { app } = await createTestApp();
      const bad = await request(app).get(`/api/queue/size/${'x'.repeat(129)}`).expect(400);
      expect(bad.body).toMatchObject({ status: 400, code: 'MQ_INVALID_QUEUE_NAME', title: 'Invalid queue name' });
      expect((await request(app).get('/api/queue/size/bogus_queue').expect(404)).body.code).toBe('MQ_QUEUE_NOT_FOUND');
    });

    test('any valid name is a queue when the router has no queues list', async () => {
      const { app } = await createTestApp({ queues: undefined, enqueueRoutes: {} });
      expect((await request(app).get('/api/queue/size/anything.goes:1').expect(200)).body).toEqual({ queueName: 'anything.goes:1', size: 0 });
    });
  });
}
