import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Subscription } from '@mq/core';
import { attachQueueEvents, type QueueEventsBinding } from '@mq/socketio';
import type { Express } from 'express';
import { Server } from 'socket.io';
import type { ChatBackendConfig } from './config.js';
import { createApp, type AppLocals } from './create-app.js';
import { createHealthApp } from './create-health-app.js';
import { QueueService } from './queue-service.js';
import { socketAuthorize } from './socket-authorize.js';
import { startSubscribers } from './start-subscribers.js';
import { warnAboutPersistence } from './warn-about-persistence.js';

/** The socket events of the spec's frontend snippet, by queue. */
export const SOCKET_EVENTS = {
  chat_messages: 'queue_processed_chat',
  agent_responses: 'queue_processed_agent_response',
  proactive_actions: 'queue_processed_proactive_action',
} as const;

export interface ChatBackend {
  /** The API (roles api and all), or the worker's health-only app. */
  app: Express;
  http: HttpServer;
  /** Socket.IO; none in a worker. */
  io: Server | undefined;
  queueService: QueueService;
  /** The queue subscribers; none in an API-only process. */
  subscriptions: readonly Subscription[];
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

/**
 * Connects the queue and starts what config.role asks for: the subscribers (worker, all), the
 * HTTP API and Socket.IO (api, all) or a health-only listener (worker), and listens. If any step
 * fails, what was started is closed again before the error is thrown.
 */
export async function startChatBackend({ config, queueService = new QueueService(), log = console.log }: StartOptions): Promise<ChatBackend> {
  const queue = queueService.messageQueue;
  const onError = (error: unknown) => log(`error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  queue.on('error', onError);
  queue.on('retrying', ({ queueName, message, error, delayMs }) => log(`retrying ${queueName} ${message.id} in ${delayMs} ms (${error.message})`));
  // As in the spec: send dead letters to monitoring; here, the log.
  queue.on('deadLetter', ({ queueName, message, error }) => log(`dead letter in ${queueName}: ${message.id} (${error.message})`));
  const serveApi = config.role !== 'worker';
  let subscriptions: Subscription[] = [];
  let io: Server | undefined;
  let events: QueueEventsBinding | undefined;
  const app = serveApi ? createApp(queueService, config, onError) : createHealthApp(queueService, onError);
  const http = createServer(app);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // New requests and sockets first, then the messages in flight, then the connection.
      await events?.close();
      // Open dashboard event streams would keep the HTTP server from closing.
      (app.locals as AppLocals).dashboard?.close();
      if (io !== undefined) await io.close();
      else if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await Promise.all(subscriptions.map((s) => s.close()));
      await queueService.shutdown();
    })());

  try {
    await queueService.initialize();
    if (!config.development) await warnAboutPersistence(queue, log);
    if (config.role !== 'api') subscriptions = startSubscribers(queueService);
    if (serveApi) {
      io = new Server(http, { serveClient: false });
      events = await attachQueueEvents(io, queue, { events: SOCKET_EVENTS, authorize: socketAuthorize(config.socketTokenSecret), onError });
    }
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const { port } = http.address() as AddressInfo;
  const serves = serveApi ? '' : ', health only';
  log(`chat backend on http://localhost:${port} (role ${config.role}${serves}, provider ${queue.providerName}${config.development ? ', development' : ''})`);
  return { app, http, io, queueService, subscriptions, port, close };
}
