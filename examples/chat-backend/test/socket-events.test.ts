import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { socketToken } from '../src/socket-authorize.js';
import { connectSocket, named, startTestBackend, type EventLog, type TestBackend } from './helpers/start-test-backend.js';

const running: TestBackend[] = [];
const sockets: EventLog[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.socket.disconnect();
  for (const b of running.splice(0)) await b.close();
});

async function setup(env: Record<string, string> = {}) {
  const backend = await startTestBackend(env);
  running.push(backend);
  const connectAs = async (auth: Record<string, unknown>) => {
    const log = await connectSocket(backend.url, auth);
    sockets.push(log);
    return log;
  };
  return { backend, connectAs };
}

describe("the spec's socket events", () => {
  test('a client with auth { userId } gets queue_processed_chat and queue_processed_agent_response for its messages only', async () => {
    const { backend, connectAs } = await setup();
    const user = await connectAs({ userId: 'user123' });
    const other = await connectAs({ userId: 'someone-else' });
    expect(user.rooms).toEqual(['user:user123']);

    const { body } = await request(backend.app).post('/api/queue/enqueue/chat').send({ userId: 'user123', conversationId: 'conv456', message: 'Hello world!', priority: 7 }).expect(202);
    await user.until((events) => events.some((e) => e.event === 'queue_processed_agent_response'), 'the agent response');
    expect(named(user, 'queue_processed_chat')).toEqual([expect.objectContaining({ messageId: body.messageId, queueName: 'chat_messages', status: 'completed', payload: { userId: 'user123', conversationId: 'conv456', message: 'Hello world!' } })]);
    expect(named(user, 'queue_processed_agent_response')).toEqual([
      expect.objectContaining({ queueName: 'agent_responses', correlationId: body.messageId, payload: expect.objectContaining({ response: '[stand-in general agent] You said: "Hello world!"', inReplyTo: body.messageId }) }),
    ]);

    // The other user's socket gets a later event of its own, and never the first user's.
    await request(backend.app).post('/api/queue/enqueue/chat').send({ userId: 'someone-else', conversationId: 'c2', message: 'Hi' }).expect(202);
    await other.until((events) => events.some((e) => e.event === 'queue_processed_agent_response'), "the other user's agent response");
    expect(named(other, 'queue_processed_chat').map((d) => d.userId)).toEqual(['someone-else']);
    expect(named(user, 'queue_processed_chat')).toHaveLength(1);
  });

  test('queue_processed_proactive_action reaches the user', async () => {
    const { backend, connectAs } = await setup();
    const user = await connectAs({ userId: 'user123' });
    await request(backend.app)
      .post('/api/queue/enqueue/proactive')
      .send({ actionType: 'greeting', agentType: 'general', message: 'Welcome!', userId: 'user123', conversationId: 'conv456', timing: 'immediate', priority: 8 })
      .expect(202);
    await user.until((events) => events.some((e) => e.event === 'queue_processed_proactive_action'), 'the proactive action');
    expect(named(user, 'queue_processed_proactive_action')[0]).toMatchObject({ priority: 8, payload: { actionType: 'greeting', message: 'Welcome!' } });
  });

  test("a client cannot join another user's or a conversation's room by asking", async () => {
    const { connectAs } = await setup();
    const user = await connectAs({ userId: 'mallory' });
    expect(await user.socket.emitWithAck('queue:join', { userId: 'user123' })).toMatchObject({ ok: false });
    expect(await user.socket.emitWithAck('queue:join', { conversationId: 'conv456' })).toMatchObject({ ok: false });
  });

  test('with SOCKET_TOKEN_SECRET, a userId counts only with its token', async () => {
    const { backend, connectAs } = await setup({ SOCKET_TOKEN_SECRET: 'sock-secret' });
    const forged = await connectAs({ userId: 'user123', token: 'made-up' });
    const bare = await connectAs({ userId: 'user123' });
    const real = await connectAs({ userId: 'user123', token: socketToken('sock-secret', 'user123') });
    expect([forged.rooms, bare.rooms, real.rooms]).toEqual([[], [], ['user:user123']]);
    await request(backend.app).post('/api/queue/enqueue/chat').send({ userId: 'user123', conversationId: 'c', message: 'Hi' }).expect(202);
    await real.until((events) => events.some((e) => e.event === 'queue_processed_agent_response'), 'the agent response');
    // Order per connection: an event sent to everyone after the chat event arrives after it.
    const barrier = Promise.all([forged, bare].map((s) => s.until((events) => events.some((e) => e.event === 'test:barrier'), 'barrier')));
    backend.io?.emit('test:barrier', {});
    await barrier;
    expect(named(forged, 'queue_processed_chat')).toEqual([]);
    expect(named(bare, 'queue_processed_chat')).toEqual([]);
  });
});
