import { expect } from 'vitest';
import { connectSocket, named } from './start-test-backend.js';

/**
 * The spec's curl commands (API Endpoints, Monitoring & Observability, Integration Tests,
 * Debugging Commands) with fetch, exactly as printed, plus the frontend snippet's socket events.
 */
export async function runSpecCurlSequence(url: string, provider: 'memory' | 'redis' | 'sqs'): Promise<void> {
    const json = { 'Content-Type': 'application/json' };
    const get = async (path: string) => {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    };
    const post = async (path: string, body: string) => {
      const res = await fetch(`${url}${path}`, { method: 'POST', headers: json, body });
      expect(res.status, path).toBe(202);
      return (await res.json()) as Record<string, unknown>;
    };

    const frontend = await connectSocket(url, { userId: 'user123' });
    // The spec's shape; on Redis also the persistence in force (appendonly, appendfsync).
    expect(await get('/api/queue/health')).toEqual({ healthy: true, provider, timestamp: expect.any(String), ...(provider === 'redis' ? { persistence: { appendonly: expect.any(String), appendfsync: expect.any(String) } } : {}) });
    const stats = await get('/api/queue/stats');
    // SQS counts approximately, and the stats say so.
    const approximate = provider === 'sqs' ? ['approximate'] : [];
    expect(Object.keys(stats).sort()).toEqual([...approximate, 'avgProcessingTime', 'completedMessages', 'failedMessages', 'healthy', 'pendingMessages', 'processingMessages', 'provider', 'queues', 'totalMessages']);
    expect(await get('/api/queue/stats?queueName=chat_messages')).toMatchObject({ queueName: 'chat_messages', provider });
    expect(await get('/api/queue/size/chat_messages')).toEqual({ queueName: 'chat_messages', size: expect.any(Number) });
    expect(await post('/api/queue/enqueue/chat', '{"userId": "user123", "conversationId": "conv456", "message": "Hello world!", "priority": 7}')).toMatchObject({ queueName: 'chat_messages' });
    expect(
      await post('/api/queue/enqueue/proactive', '{"actionType": "greeting", "agentType": "general", "message": "Welcome!", "userId": "user123", "conversationId": "conv456", "timing": "immediate", "priority": 8}'),
    ).toMatchObject({ queueName: 'proactive_actions' });
    await frontend.until((events) => ['queue_processed_chat', 'queue_processed_agent_response', 'queue_processed_proactive_action'].every((name) => events.some((e) => e.event === name)), "the spec's three socket events");
    expect(named(frontend, 'queue_processed_chat')[0]).toMatchObject({ userId: 'user123', payload: { message: 'Hello world!' } });
    frontend.socket.disconnect();
    const demo = await post('/api/queue/demo', '{"userId": "user123", "conversationId": "conv456"}');
    expect(demo.enqueued).toHaveLength(6);
    expect((await post('/api/queue/demo', '{"userId": "test", "conversationId": "test"}')).enqueued).toHaveLength(6);
    expect((await post('/api/queue/demo', '{"userId": "debug", "conversationId": "debug"}')).enqueued).toHaveLength(6);
    expect(await get('/api/queue/stats')).toMatchObject({ provider, healthy: true });
    const purge = await fetch(`${url}/api/queue/purge/chat_messages`, { method: 'DELETE' });
    expect(purge.status).toBe(200);
    expect(await purge.json()).toEqual({ queueName: 'chat_messages', purged: expect.any(Number) });
}
