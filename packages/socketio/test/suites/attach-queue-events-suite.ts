import { MessageQueue } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import type { Socket } from 'socket.io';
import { afterEach, describe, expect, test } from 'vitest';
import type { QueueEventsOptions, RoomRequest } from '../../src/index.js';
import { barrier, connectClient, process, startSocketServer, type TestClient, type TestSocketServer } from '../helpers/socket-server.js';

/** attachQueueEvents against real Socket.IO clients, on the queues `makeQueue` makes (memory or Redis). */
export function attachQueueEventsSuite(makeQueue: () => MessageQueue): void {
  const EVENTS = { chat_messages: 'queue_processed_chat', agent_responses: 'queue_processed_agent_response', proactive_actions: 'queue_processed_proactive_action' };

  /** Users may join their own room (token = "token-<userId>") and conversations listed in their auth. */
  const authorize = (socket: Socket, room: RoomRequest): boolean => {
    const auth = socket.handshake.auth as { userId?: string; token?: string; conversations?: string[] };
    if (auth.token !== `token-${auth.userId}`) return false;
    return room.kind === 'user' ? room.id === auth.userId : (auth.conversations ?? []).includes(room.id);
  };

  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(options: Partial<QueueEventsOptions> = {}): Promise<{ queue: MessageQueue; server: TestSocketServer; client(userId: string, extra?: Record<string, unknown>): Promise<TestClient> }> {
    const queue = makeQueue();
    await queue.connect();
    const server = await startSocketServer(queue, { events: EVENTS, authorize, ...options });
    cleanups.push(() => queue.disconnect(), () => server.close());
    return {
      queue,
      server,
      client: async (userId, extra = {}) => {
        const c = await connectClient(server.url, { userId, token: `token-${userId}`, ...extra });
        cleanups.push(async () => void c.socket.disconnect());
        return c;
      },
    };
  }

  describe('attachQueueEvents', () => {
    test("a processed chat message reaches its user's sockets as queue_processed_chat, and no one else's", async () => {
      const { queue, server, client } = await setup();
      const alice = await client('alice');
      const aliceTab2 = await client('alice');
      const bob = await client('bob');
      expect(alice.rooms).toEqual(['user:alice']);

      const id = await process(queue, 'chat_messages', { message: 'Hello!' }, { userId: 'alice', conversationId: 'conv1' });
      const data = await alice.next('queue_processed_chat');
      expect(data).toEqual({
        queueName: 'chat_messages',
        messageId: id,
        type: 'test',
        status: 'completed',
        payload: { message: 'Hello!' },
        priority: 5,
        attempts: 1,
        userId: 'alice',
        conversationId: 'conv1',
        at: expect.any(String),
      });
      await aliceTab2.next('queue_processed_chat');
      await barrier(server, [alice, aliceTab2, bob]);
      expect(alice.all('queue_processed_chat')).toHaveLength(1);
      expect(bob.all('queue_processed_chat')).toEqual([]);
    });

    test('maps each queue to its event name; unmapped queues emit nothing', async () => {
      const { queue, server, client } = await setup();
      const alice = await client('alice');
      await process(queue, 'agent_responses', { text: 'Hi' }, { userId: 'alice' });
      await process(queue, 'proactive_actions', { actionType: 'greeting' }, { userId: 'alice' });
      await process(queue, 'status_updates', { status: 'busy' }, { userId: 'alice' });
      await barrier(server, [alice]);
      expect(alice.received.map((r) => r.event)).toEqual(['queue:rooms', 'queue_processed_agent_response', 'queue_processed_proactive_action', 'test:barrier']);
    });

    test('a socket cannot join a room by asking: authorize decides, at connection and on queue:join', async () => {
      const { queue, server, client } = await setup();
      const mallory = await connectClient(server.url, { userId: 'alice', token: 'forged' });
      cleanups.push(async () => void mallory.socket.disconnect());
      expect(mallory.rooms).toEqual([]);
      const bob = await client('bob', { conversations: ['conv-shared'] });
      expect(await bob.socket.emitWithAck('queue:join', { userId: 'alice' })).toEqual({ ok: false, error: 'Not allowed.' });
      expect(await bob.socket.emitWithAck('queue:join', { conversationId: 'conv-private' })).toEqual({ ok: false, error: 'Not allowed.' });
      expect(await bob.socket.emitWithAck('queue:join', { conversationId: 'conv-shared' })).toEqual({ ok: true, room: 'conversation:conv-shared' });
      expect(await bob.socket.emitWithAck('queue:join', { nonsense: 1 })).toMatchObject({ ok: false });

      await process(queue, 'chat_messages', { m: 'to alice' }, { userId: 'alice', conversationId: 'conv-private' });
      await process(queue, 'chat_messages', { m: 'to the shared conversation' }, { userId: 'carol', conversationId: 'conv-shared' });
      await barrier(server, [mallory, bob]);
      expect(mallory.all('queue_processed_chat')).toEqual([]);
      expect(bob.all('queue_processed_chat')).toEqual([expect.objectContaining({ payload: { m: 'to the shared conversation' } })]);
    });

    test('a socket in both the user and the conversation room gets the event once', async () => {
      const { queue, server, client } = await setup();
      const alice = await client('alice', { conversationId: 'conv1', conversations: ['conv1'] });
      expect(alice.rooms).toEqual(['user:alice', 'conversation:conv1']);
      await process(queue, 'chat_messages', { m: 1 }, { userId: 'alice', conversationId: 'conv1' });
      await barrier(server, [alice]);
      expect(alice.all('queue_processed_chat')).toHaveLength(1);
    });

    test('queue:leave stops delivery to that room', async () => {
      const { queue, server, client } = await setup();
      const alice = await client('alice');
      expect(await alice.socket.emitWithAck('queue:leave', { userId: 'alice' })).toEqual({ ok: true, room: 'user:alice' });
      await process(queue, 'chat_messages', { m: 1 }, { userId: 'alice' });
      await barrier(server, [alice]);
      expect(alice.all('queue_processed_chat')).toEqual([]);
    });

    test('messages without a user or conversation go nowhere by default; rooms() can route them', async () => {
      const routed = await setup({ rooms: (event) => (event.message.metadata.userId === undefined ? ['user:alice'] : []) });
      const alice = await routed.client('alice');
      await process(routed.queue, 'chat_messages', { m: 'system' });
      expect(await alice.next('queue_processed_chat')).toMatchObject({ payload: { m: 'system' } });

      const plain = await setup();
      const bob = await plain.client('bob');
      await process(plain.queue, 'chat_messages', { m: 'system' });
      await barrier(plain.server, [bob]);
      expect(bob.all('queue_processed_chat')).toEqual([]);
    });

    test('dead letters are emitted under deadLetterEvents, with the error', async () => {
      const { queue, client } = await setup({ deadLetterEvents: { chat_messages: 'queue_failed_chat' } });
      const alice = await client('alice');
      await process(queue, 'chat_messages', { m: 1 }, { userId: 'alice', fail: true });
      expect(await alice.next('queue_failed_chat')).toMatchObject({ status: 'deadLetter', error: { name: 'Error', message: 'failed for good' } });
    });

    test('payload() shapes what clients receive', async () => {
      const { queue, client } = await setup({ payload: (event) => ({ id: event.message.id }) });
      const alice = await client('alice');
      const id = await process(queue, 'chat_messages', { m: 1 }, { userId: 'alice' });
      expect(await alice.next('queue_processed_chat')).toEqual({ id });
    });

    test('a subscriber that completes messages drives the events', async () => {
      const { queue, client } = await setup();
      const alice = await client('alice');
      const subscription = queue.subscribe('chat_messages', () => undefined);
      cleanups.push(() => subscription.close());
      await queue.enqueue('chat_messages', queue.createMessage('chat_message', { message: 'Hi' }, { userId: 'alice' }));
      expect(await alice.next('queue_processed_chat')).toMatchObject({ payload: { message: 'Hi' }, attempts: 1 });
    });

    test('close() stops emitting', async () => {
      const { queue, server, client } = await setup();
      const alice = await client('alice');
      await server.binding.close();
      await process(queue, 'chat_messages', { m: 1 }, { userId: 'alice' });
      await barrier(server, [alice]);
      expect(alice.all('queue_processed_chat')).toEqual([]);
    });

    test('a throwing authorize hook refuses the join and reports the error', async () => {
      const errors: unknown[] = [];
      const { client } = await setup({
        authorize: () => {
          throw new Error('auth backend down');
        },
        onError: (error) => errors.push(error),
      });
      const alice = await client('alice');
      expect(alice.rooms).toEqual([]);
      expect(errors).toEqual([expect.objectContaining({ message: 'auth backend down' })]);
    });

    test('refuses options without an authorize hook', async () => {
      const queue = new MessageQueue({ provider: createInMemoryProvider() });
      await queue.connect();
      const { attachQueueEvents } = await import('../../src/index.js');
      const { Server } = await import('socket.io');
      const refused = attachQueueEvents(new Server(), queue, { events: EVENTS } as never);
      await expect(refused).rejects.toThrow(/authorize/);
      await expect(refused).rejects.toMatchObject({ name: 'ValidationError', code: 'MQ_INVALID_CONFIG', details: { field: 'authorize' } });
      await queue.disconnect();
    });
  });
}
