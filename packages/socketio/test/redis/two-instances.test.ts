import type { MessageQueue, Subscription } from '@mq/core';
import type { Socket } from 'socket.io';
import { afterEach, describe, expect, test } from 'vitest';
import type { RoomRequest } from '../../src/index.js';
import { redisQueue, uniquePrefix } from '../helpers/redis-queues.js';
import { barrier, connectClient, startSocketServer, type TestClient, type TestSocketServer } from '../helpers/socket-server.js';

const EVENTS = { chat_messages: 'queue_processed_chat' };
const authorize = (socket: Socket, room: RoomRequest) => room.kind === 'user' && room.id === (socket.handshake.auth as { userId?: string }).userId;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One app instance: its own queue connection to the shared Redis, its own Socket.IO server. */
async function instance(prefix: string): Promise<{ queue: MessageQueue; server: TestSocketServer; client(userId: string): Promise<TestClient> }> {
  const queue = redisQueue(prefix);
  await queue.connect();
  const server = await startSocketServer(queue, { events: EVENTS, authorize });
  cleanups.push(() => queue.disconnect(), () => server.close());
  return {
    queue,
    server,
    client: async (userId) => {
      const client = await connectClient(server.url, { userId });
      cleanups.push(async () => void client.socket.disconnect());
      return client;
    },
  };
}

describe('two app instances on one Redis', () => {
  test('each delivers to its own clients, once per message, whichever instance processed it', async () => {
    const prefix = uniquePrefix();
    const a = await instance(prefix);
    const b = await instance(prefix);
    const aliceOnA = await a.client('alice');
    const aliceOnB = await b.client('alice');
    const bobOnB = await b.client('bob');

    // Both instances consume chat_messages: each message is processed by one of them.
    const processedBy = new Map<string, string>();
    const subscriptions: Subscription[] = [
      a.queue.subscribe('chat_messages', (m) => void processedBy.set(m.id, 'a'), { concurrency: 2 }),
      b.queue.subscribe('chat_messages', (m) => void processedBy.set(m.id, 'b'), { concurrency: 2 }),
    ];
    cleanups.push(async () => void (await Promise.all(subscriptions.map((s) => s.close()))));

    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const producer = i % 2 === 0 ? a.queue : b.queue;
      ids.push(await producer.enqueue('chat_messages', producer.createMessage('chat_message', { n: i }, { userId: 'alice', conversationId: 'c1' })));
    }
    for (const client of [aliceOnA, aliceOnB]) {
      for (let i = 0; i < ids.length; i++) await client.next('queue_processed_chat');
    }
    await Promise.all(subscriptions.map((s) => s.close()));
    // Barrier messages completed by each instance: everything either published before them has arrived.
    await barrier([a.server, b.server], [aliceOnA, aliceOnB, bobOnB], [a.queue, b.queue]);

    const received = (client: TestClient) => client.all('queue_processed_chat').map((d) => (d as { messageId: string }).messageId);
    expect(received(aliceOnA).sort()).toEqual([...ids].sort());
    expect(received(aliceOnB).sort()).toEqual([...ids].sort());
    expect(received(bobOnB)).toEqual([]);
    expect(processedBy.size).toBe(ids.length);
  });
});
