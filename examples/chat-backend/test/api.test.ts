import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { startTestBackend, type TestBackend } from './helpers/start-test-backend.js';

const CHAT = { userId: 'user123', conversationId: 'conv456', message: 'Hello world!', priority: 7 };
const PROACTIVE = { actionType: 'greeting', agentType: 'general', message: 'Welcome!', userId: 'user123', conversationId: 'conv456', timing: 'immediate', priority: 8 };

const running: TestBackend[] = [];
async function backend(env: Record<string, string> = {}): Promise<TestBackend> {
  const b = await startTestBackend(env);
  running.push(b);
  return b;
}
afterEach(async () => {
  for (const b of running.splice(0)) await b.close();
});

describe('chat backend REST API (the spec\'s endpoints)', () => {
  test('GET /api/queue/health', async () => {
    const { app } = await backend();
    expect((await request(app).get('/api/queue/health').expect(200)).body).toEqual({ healthy: true, provider: 'memory', timestamp: expect.any(String) });
  });

  test('POST /api/queue/enqueue/chat and /enqueue/proactive with the spec bodies', async () => {
    const { app } = await backend();
    expect((await request(app).post('/api/queue/enqueue/chat').send(CHAT).expect(202)).body).toEqual({ messageId: expect.any(String), queueName: 'chat_messages' });
    expect((await request(app).post('/api/queue/enqueue/proactive').send(PROACTIVE).expect(202)).body).toEqual({ messageId: expect.any(String), queueName: 'proactive_actions' });
  });

  test('GET /api/queue/stats, ?queueName=chat_messages and /size/chat_messages', async () => {
    const { app } = await backend();
    const stats = (await request(app).get('/api/queue/stats').expect(200)).body;
    expect(stats).toMatchObject({ totalMessages: expect.any(Number), pendingMessages: expect.any(Number), processingMessages: expect.any(Number), completedMessages: expect.any(Number), failedMessages: expect.any(Number), avgProcessingTime: expect.any(Number), queues: expect.any(Array), provider: 'memory', healthy: true });
    // The app's eight queues, declared up front, whether or not they were used yet.
    expect(stats.queues).toEqual(['agent_responses', 'chat_messages', 'conversation_events', 'goal_seeking_updates', 'proactive_actions', 'status_updates', 'stream_chunks', 'validation_requests']);
    expect((await request(app).get('/api/queue/stats?queueName=chat_messages').expect(200)).body).toMatchObject({ queueName: 'chat_messages', provider: 'memory' });
    expect((await request(app).get('/api/queue/size/chat_messages').expect(200)).body).toEqual({ queueName: 'chat_messages', size: expect.any(Number) });
  });

  test('DELETE /api/queue/purge/chat_messages is open in development without a token', async () => {
    const { app } = await backend();
    expect((await request(app).delete('/api/queue/purge/chat_messages').expect(200)).body).toEqual({ queueName: 'chat_messages', purged: expect.any(Number) });
  });

  test('with QUEUE_ADMIN_TOKEN, management needs the bearer token; reads and enqueue stay open', async () => {
    const { app } = await backend({ QUEUE_ADMIN_TOKEN: 's3cret' });
    await request(app).delete('/api/queue/purge/chat_messages').expect(401).expect('WWW-Authenticate', /Bearer/);
    await request(app).delete('/api/queue/purge/chat_messages').set('Authorization', 'Bearer wrong').expect(403);
    await request(app).get('/api/queue/dead-letters/chat_messages').expect(401);
    await request(app).post('/api/queue/dead-letters/chat_messages/replay').set('Authorization', 'Bearer wrong').expect(403);
    await request(app).delete('/api/queue/purge/chat_messages').set('Authorization', 'Bearer s3cret').expect(200);
    await request(app).get('/api/queue/dead-letters/chat_messages').set('Authorization', 'Bearer s3cret').expect(200);
    await request(app).get('/api/queue/stats').expect(200);
    await request(app).post('/api/queue/enqueue/chat').send(CHAT).expect(202);
  });

  test('bad requests are problem+json and enqueue nothing', async () => {
    const { app, queueService } = await backend();
    await queueService.messageQueue.disconnect();
    const fresh = await backend();
    const r = request(fresh.app);
    expect((await r.post('/api/queue/enqueue/chat').send({ ...CHAT, role: 'admin' }).expect(400)).body.code).toBe('MQ_INVALID_BODY');
    expect((await r.post('/api/queue/enqueue/chat').set('Content-Type', 'application/json').send('{oops').expect(400)).body.code).toBe('MQ_MALFORMED_JSON');
    expect((await r.post('/api/queue/enqueue/proactive').send({ ...PROACTIVE, timing: 'someday' }).expect(400)).body.code).toBe('MQ_INVALID_BODY');
    expect((await r.post('/api/queue/demo').send({ userId: 'u' }).expect(400)).body.code).toBe('MQ_INVALID_BODY');
    expect((await r.post('/api/queue/demo').set('Content-Type', 'application/json').send('{"userId":').expect(400)).body.code).toBe('MQ_MALFORMED_JSON');
    expect((await r.get('/api/queue/size/not_a_queue').expect(404)).body.code).toBe('MQ_QUEUE_NOT_FOUND');
    expect((await r.get('/api/queue/stats').expect(200)).body.totalMessages).toBe(0);
    // The disconnected queue of the first backend: 503, not a stack trace.
    expect((await request(app).get('/api/queue/stats').expect(503)).body.code).toBe('MQ_PROVIDER_UNAVAILABLE');
  });

  test('unknown paths and methods under /api/queue are problem+json too, the demo included', async () => {
    const { app } = await backend();
    expect((await request(app).get('/api/queue/nope').expect(404).expect('Content-Type', /application\/problem\+json/)).body.code).toBe('MQ_NOT_FOUND');
    expect((await request(app).get('/api/queue/demo').expect(405).expect('Allow', 'POST')).body.code).toBe('MQ_METHOD_NOT_ALLOWED');
    expect((await request(app).get('/api/queue/enqueue/chat').expect(405).expect('Allow', 'POST')).body.code).toBe('MQ_METHOD_NOT_ALLOWED');
  });

  test('enqueue and demo are rate limited per client', async () => {
    const { app } = await backend({ QUEUE_RATE_LIMIT_PER_MINUTE: '2' });
    await request(app).post('/api/queue/enqueue/chat').send(CHAT).expect(202);
    await request(app).post('/api/queue/enqueue/chat').send(CHAT).expect(202);
    const limited = await request(app).post('/api/queue/enqueue/chat').send(CHAT).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await request(app).post('/api/queue/demo').send({ userId: 'u', conversationId: 'c' }).expect(202);
    await request(app).post('/api/queue/demo').send({ userId: 'u', conversationId: 'c' }).expect(202);
    await request(app).post('/api/queue/demo').send({ userId: 'u', conversationId: 'c' }).expect(429);
  });

  test('behind a proxy (TRUST_PROXY), the rate limit counts each client by X-Forwarded-For', async () => {
    const direct = await backend({ QUEUE_RATE_LIMIT_PER_MINUTE: '1' });
    await request(direct.app).post('/api/queue/enqueue/chat').set('X-Forwarded-For', '203.0.113.1').send(CHAT).expect(202);
    // Without TRUST_PROXY the header is the client's say-so: both requests count as the proxy's.
    await request(direct.app).post('/api/queue/enqueue/chat').set('X-Forwarded-For', '203.0.113.2').send(CHAT).expect(429);
    const proxied = await backend({ QUEUE_RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: 'loopback' });
    await request(proxied.app).post('/api/queue/enqueue/chat').set('X-Forwarded-For', '203.0.113.1').send(CHAT).expect(202);
    await request(proxied.app).post('/api/queue/enqueue/chat').set('X-Forwarded-For', '203.0.113.2').send(CHAT).expect(202);
    await request(proxied.app).post('/api/queue/enqueue/chat').set('X-Forwarded-For', '203.0.113.1').send(CHAT).expect(429);
  });

  test('GET /api/queue/openapi.json documents the enqueue routes and the demo', async () => {
    const { app } = await backend();
    const { body } = await request(app).get('/api/queue/openapi.json').expect(200);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/enqueue/chat', '/enqueue/proactive', '/demo', '/health', '/stats', '/size/{queueName}', '/purge/{queueName}']));
  });
});
