import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessageQueue } from '@mq/core';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { attachQueueEvents, type QueueEventsBinding, type QueueEventsOptions } from '../../src/index.js';

export interface TestSocketServer {
  url: string;
  queue: MessageQueue;
  io: Server;
  binding: QueueEventsBinding;
  close(): Promise<void>;
}

/** A real Socket.IO server on an ephemeral loopback port, with the queue's events attached. */
export async function startSocketServer(queue: MessageQueue, options: QueueEventsOptions): Promise<TestSocketServer> {
  const http = createServer();
  const io = new Server(http);
  const binding = await attachQueueEvents(io, queue, options);
  // The barrier: when a message of BARRIER_QUEUE completes, every event before it has been emitted.
  const stopBarrier = await queue.subscribeEvents((event) => {
    if (event.queueName === BARRIER_QUEUE) io.emit('test:barrier', { id: event.message.id });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queue,
    io,
    binding,
    close: async () => {
      await binding.close();
      await stopBarrier();
      await io.close();
    },
  };
}

export interface TestClient {
  socket: ClientSocket;
  /** Rooms the server joined at connection. */
  rooms: string[];
  /** Every event received, in order. */
  received: { event: string; data: unknown }[];
  /** Resolves with the data of the next `event` (or one already received and not yet taken). */
  next(event: string): Promise<unknown>;
  /** Events of this name received so far. */
  all(event: string): unknown[];
}

/** Connects with `auth` and waits until the server has decided the initial rooms. */
export async function connectClient(url: string, auth: Record<string, unknown>): Promise<TestClient> {
  const socket = connect(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
  const received: { event: string; data: unknown }[] = [];
  const taken = new Map<string, number>();
  const waiters: { event: string; resolve: (data: unknown) => void }[] = [];
  socket.onAny((event: string, data: unknown) => {
    received.push({ event, data });
    const index = waiters.findIndex((w) => w.event === event);
    if (index >= 0) {
      const [waiter] = waiters.splice(index, 1);
      taken.set(event, (taken.get(event) ?? 0) + 1);
      waiter?.resolve(data);
    }
  });
  const client: TestClient = {
    socket,
    rooms: [],
    received,
    all: (event) => received.filter((r) => r.event === event).map((r) => r.data),
    next: (event) =>
      new Promise((resolve, reject) => {
        const already = client.all(event)[taken.get(event) ?? 0];
        if (already !== undefined) {
          taken.set(event, (taken.get(event) ?? 0) + 1);
          resolve(already);
          return;
        }
        const timer = setTimeout(() => reject(new Error(`no "${event}" within 5 s`)), 5_000);
        waiters.push({ event, resolve: (data) => (clearTimeout(timer), resolve(data)) });
      }),
  };
  const { rooms } = (await client.next('queue:rooms')) as { rooms: string[] };
  client.rooms = rooms;
  return client;
}

export const BARRIER_QUEUE = 'test_barrier';

/**
 * Resolves once every event the servers emitted for messages completed before this call has reached
 * the clients: a barrier message completes on each given queue (in the same event stream, after
 * the earlier ones), each server then emits test:barrier, and Socket.IO keeps order per connection.
 */
export async function barrier(servers: TestSocketServer | TestSocketServer[], clients: TestClient[], via: MessageQueue[] = []): Promise<void> {
  const list = Array.isArray(servers) ? servers : [servers];
  const queues = via.length > 0 ? via : [list[0]?.queue as MessageQueue];
  const seen = clients.map(async (client) => {
    for (let i = 0; i < queues.length; i++) await client.next('test:barrier');
  });
  for (const queue of queues) await process(queue, BARRIER_QUEUE, {});
  await Promise.all(seen);
}

/** Enqueues a message, takes it and acks it (or nacks it for good), as a subscriber would. */
export async function process(queue: MessageQueue, queueName: string, payload: unknown, options: { userId?: string; conversationId?: string; fail?: boolean } = {}): Promise<string> {
  const { fail, ...metadata } = options;
  const id = await queue.enqueue(queueName, queue.createMessage('test', payload, { ...metadata, maxRetries: 0 }));
  const taken = await queue.dequeue(queueName);
  if (taken?.id !== id) throw new Error('expected the message just enqueued');
  if (fail === true) await queue.nack(taken, new Error('failed for good'));
  else await queue.ack(taken);
  return id;
}
