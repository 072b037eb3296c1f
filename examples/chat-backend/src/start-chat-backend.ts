import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Subscription } from '@mq/core';
import { attachQueueEvents } from '@mq/socketio';
import type { Express } from 'express';
import { Server } from 'socket.io';
import type { ChatBackendConfig } from './config.js';
import { createApp } from './create-app.js';
import { QueueService } from './queue-service.js';
import { socketAuthorize } from './socket-authorize.js';
import { startSubscribers } from './start-subscribers.js';

/** The socket events of the spec's frontend snippet, by queue. */
export const SOCKET_EVENTS = {
  chat_messages: 'queue_processed_chat',
  agent_responses: 'queue_processed_agent_response',
  proactive_actions: 'queue_processed_proactive_action',
} as const;

export interface ChatBackend {
  app: Express;
  http: HttpServer;
  io: Server;
  queueService: QueueService;
  /** The port it listens on (useful with PORT=0). */
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  config: ChatBackendConfig;
  /** Default: a new QueueService on the provider the environment names. */
  queueService?: QueueService;
  log?: (line: string) => void;
}

/** Connects the queue, starts the subscribers, the HTTP API and Socket.IO, and listens. */
export async function startChatBackend({ config, queueService = new QueueService(), log = console.log }: StartOptions): Promise<ChatBackend> {
  const queue = queueService.messageQueue;
  const onError = (error: unknown) => log(`error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  queue.on('error', onError);
  queue.on('retrying', ({ queueName, message, error, delayMs }) => log(`retrying ${queueName} ${message.id} in ${delayMs} ms (${error.message})`));
  // As in the spec: send dead letters to monitoring; here, the log.
  queue.on('deadLetter', ({ queueName, message, error }) => log(`dead letter in ${queueName}: ${message.id} (${error.message})`));
  await queueService.initialize();
  const subscriptions: Subscription[] = startSubscribers(queueService);
  const app = createApp(queueService, config, onError);
  const http = createServer(app);
  const io = new Server(http, { serveClient: false });
  const events = await attachQueueEvents(io, queue, { events: SOCKET_EVENTS, authorize: socketAuthorize(config.socketTokenSecret), onError });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  log(`chat backend on http://localhost:${port} (provider ${queue.providerName}${config.development ? ', development' : ''})`);
  let closing: Promise<void> | undefined;
  return {
    app,
    http,
    io,
    queueService,
    port,
    close: () =>
      (closing ??= (async () => {
        await events.close();
        await io.close();
        await Promise.all(subscriptions.map((s) => s.close()));
        await queueService.shutdown();
      })()),
  };
}
