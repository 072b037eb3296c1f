import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startRedisServer, type RedisServer } from '../../../../packages/redis/test/support/redis-server.js';
import { startExample, stopExample, type ExampleProcess } from '../helpers/example-process.js';
import { runSpecCurlSequence } from '../helpers/spec-curl-sequence.js';
import { connectSocket, named } from '../helpers/start-test-backend.js';

// The docker-compose.yml topology as processes: one ROLE=api, two ROLE=worker, one Redis. The app
// uses the provider's default key prefix, so the Redis is this file's own (never :6379).
describe('one API process and two worker processes on one Redis', () => {
  let redis: RedisServer;
  let api: ExampleProcess;
  let workers: ExampleProcess[];
  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: `redis://127.0.0.1:${redis.port}` };
    [api, ...workers] = await Promise.all([startExample({ ...env, ROLE: 'api' }), startExample({ ...env, ROLE: 'worker' }), startExample({ ...env, ROLE: 'worker' })]);
  }, 60_000);
  afterAll(async () => {
    const processes = [api, ...(workers ?? [])].filter((p) => p !== undefined);
    const codes = await Promise.all(processes.map((p) => stopExample(p.child)));
    await redis?.stop();
    expect(codes).toEqual(processes.map(() => 0));
    for (const p of processes) expect(p.output()).toMatch(/shutdown finished/);
  }, 30_000);

  test('each process says what it runs; a worker answers its health check and nothing else', async () => {
    expect(api.output()).toMatch(/\(role api, provider redis, development\)/);
    for (const worker of workers) {
      expect(worker.output()).toMatch(/\(role worker, health only, provider redis, development\)/);
      const health = await fetch(`${worker.url}/api/queue/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ healthy: true, provider: 'redis', timestamp: expect.any(String), persistence: { appendonly: expect.any(String), appendfsync: expect.any(String) } });
      const stats = await fetch(`${worker.url}/api/queue/stats`);
      expect([stats.status, stats.headers.get('content-type')]).toEqual([404, expect.stringMatching(/application\/problem\+json/)]);
    }
  });

  test("each completed message's event reaches the API's sockets exactly once", async () => {
    const alice = await connectSocket(api.url, { userId: 'alice' });
    const enqueue = async (message: string) => {
      const res = await fetch(`${api.url}/api/queue/enqueue/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: 'alice', conversationId: 'c1', message }) });
      expect(res.status).toBe(202);
      return ((await res.json()) as { messageId: string }).messageId;
    };
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await enqueue(`hello ${i}`));
    await alice.until((events) => events.filter((e) => e.event === 'queue_processed_agent_response').length >= ids.length, 'all agent responses');
    // A barrier: everything published before the last message's answer has arrived with it.
    const last = await enqueue('barrier');
    await alice.until((events) => events.some((e) => e.event === 'queue_processed_agent_response' && e.data.correlationId === last), 'the barrier');
    // The barrier's own chat event: its agent response can overtake it (the response is enqueued by
    // the chat handler before the chat message's ack, and another worker may finish it first).
    await alice.until((events) => events.some((e) => e.event === 'queue_processed_chat' && e.data.messageId === last), "the barrier's chat event");
    const all = [...ids, last].sort();
    expect(named(alice, 'queue_processed_chat').map((d) => d.messageId).sort()).toEqual(all);
    expect(named(alice, 'queue_processed_agent_response').map((d) => d.correlationId).sort()).toEqual(all);
    alice.socket.disconnect();
    const stats = (await (await fetch(`${api.url}/api/queue/stats?queueName=chat_messages`)).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ provider: 'redis', completedMessages: all.length });
  }, 30_000);

  test("the spec's commands and socket events, through the API", async () => {
    await runSpecCurlSequence(api.url, 'redis');
  }, 30_000);
});
