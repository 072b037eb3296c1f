import { MessageQueue } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { io as connect, type Socket } from 'socket.io-client';
import type { ChatPayloads } from '../../src/chat-payloads.js';
import { readConfig } from '../../src/config.js';
import { QueueService } from '../../src/queue-service.js';
import { startChatBackend, type ChatBackend } from '../../src/start-chat-backend.js';

export interface TestBackend extends ChatBackend {
  url: string;
  logs: string[];
}

/** The whole backend in this process, on an ephemeral port, on the memory provider unless a queue is given. */
export async function startTestBackend(env: Record<string, string> = {}, queue?: MessageQueue<ChatPayloads>): Promise<TestBackend> {
  const logs: string[] = [];
  const config = readConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', ...env });
  const queueService = new QueueService(queue ?? new MessageQueue<ChatPayloads>({ provider: createInMemoryProvider(), publishEvents: true }));
  const backend = await startChatBackend({ config, queueService, log: (line) => logs.push(line) });
  return { ...backend, url: `http://127.0.0.1:${backend.port}`, logs };
}

export interface EventLog {
  socket: Socket;
  rooms: string[];
  events: { event: string; data: Record<string, unknown> }[];
  /** Resolves when `predicate` holds for the events so far (checked on every new event), or rejects after 10 s. */
  until(predicate: (events: EventLog['events']) => boolean, what: string): Promise<void>;
}

/** A Socket.IO client with `auth`, recording every event; resolves once the server decided its rooms. */
export async function connectSocket(url: string, auth: Record<string, unknown>): Promise<EventLog> {
  const socket = connect(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
  const events: EventLog['events'] = [];
  const checks = new Set<() => void>();
  socket.onAny((event: string, data: Record<string, unknown>) => {
    events.push({ event, data });
    for (const check of checks) check();
  });
  const log: EventLog = {
    socket,
    rooms: [],
    events,
    until: (predicate, what) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          checks.delete(check);
          reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(events.map((e) => e.event))}`));
        }, 10_000);
        const check = () => {
          if (!predicate(events)) return;
          clearTimeout(timer);
          checks.delete(check);
          resolve();
        };
        checks.add(check);
        check();
      }),
  };
  await log.until((e) => e.some((x) => x.event === 'queue:rooms'), 'queue:rooms');
  log.rooms = (events.find((e) => e.event === 'queue:rooms')?.data.rooms as string[]) ?? [];
  return log;
}

/** Events named `event`, in arrival order. */
export function named(log: EventLog, event: string): Record<string, unknown>[] {
  return log.events.filter((e) => e.event === event).map((e) => e.data);
}
