import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { redisQueue, uniquePrefix } from '../helpers/redis-queues.js';
import { connectSocket, named, startTestBackend, type EventLog, type TestBackend } from '../helpers/start-test-backend.js';

const running: TestBackend[] = [];
const sockets: EventLog[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.socket.disconnect();
  for (const b of running.splice(0)) await b.close();
});

/** A queue no subscriber of the backend consumes (typed as one of the app's queues for the compiler). */
const BARRIER_QUEUE = 'test_barrier' as 'status_updates';

async function connect(backend: TestBackend, userId: string): Promise<EventLog> {
  const log = await connectSocket(backend.url, { userId });
  sockets.push(log);
  return log;
}

/**
 * Resolves when every socket event published before now has reached the clients: a barrier message
 * completes on each backend's queue; each backend, seeing it in its event stream after all earlier
 * ones, emits test:barrier to its own sockets (Socket.IO keeps order per connection).
 */
async function barrier(backends: TestBackend[], clients: EventLog[]): Promise<void> {
  const stops = await Promise.all(
    backends.map((b) =>
      b.queueService.messageQueue.subscribeEvents((event) => {
        if (event.queueName === BARRIER_QUEUE) b.io?.emit('test:barrier', {});
      }),
    ),
  );
  const arrived = clients.map((c) => c.until((events) => events.filter((e) => e.event === 'test:barrier').length >= backends.length, 'the barrier'));
  for (const b of backends) {
    const queue = b.queueService.messageQueue;
    await queue.enqueue(BARRIER_QUEUE, queue.createMessage('barrier', {}));
    const taken = await queue.dequeue(BARRIER_QUEUE);
    if (taken === null) throw new Error('expected the barrier message');
    await queue.ack(taken);
  }
  await Promise.all(arrived);
  await Promise.all(stops.map((stop) => stop()));
}

describe('two chat-backend instances on one Redis', () => {
  test('each delivers to its own clients, once per message, whichever instance processed it', async () => {
    const prefix = uniquePrefix();
    const a = await startTestBackend({}, redisQueue(prefix));
    const b = await startTestBackend({}, redisQueue(prefix));
    running.push(a, b);
    const aliceOnA = await connect(a, 'alice');
    const aliceOnB = await connect(b, 'alice');
    const bobOnA = await connect(a, 'bob');

    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await request(i % 2 === 0 ? a.app : b.app)
        .post('/api/queue/enqueue/chat')
        .send({ userId: 'alice', conversationId: 'conv1', message: `hello ${i}` })
        .expect(202);
      ids.push(res.body.messageId as string);
    }
    const allArrived = (log: EventLog) => log.until((events) => events.filter((e) => e.event === 'queue_processed_agent_response').length >= ids.length, 'all agent responses');
    await Promise.all([allArrived(aliceOnA), allArrived(aliceOnB)]);
    await barrier([a, b], [aliceOnA, aliceOnB, bobOnA]);

    for (const alice of [aliceOnA, aliceOnB]) {
      expect(named(alice, 'queue_processed_chat').map((d) => d.messageId).sort()).toEqual([...ids].sort());
      expect(named(alice, 'queue_processed_agent_response').map((d) => d.correlationId).sort()).toEqual([...ids].sort());
    }
    expect(named(bobOnA, 'queue_processed_chat')).toEqual([]);
    expect(named(bobOnA, 'queue_processed_agent_response')).toEqual([]);
    const stats = (await request(a.app).get('/api/queue/stats?queueName=chat_messages').expect(200)).body;
    expect(stats).toMatchObject({ provider: 'redis', completedMessages: ids.length });
  });
});
