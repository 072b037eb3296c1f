import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessageQueue } from '@mq/core';
import { createQueueRouter, type MetricsSource } from '@mq/express';
import express from 'express';

export interface ServedQueue {
  readonly baseUrl: string;
  /** GET a path under /api/queue: status, content type and body text. */
  get(path: string): Promise<{ status: number; contentType: string | null; text: string }>;
  close(): Promise<void>;
}

/** A real Express app with the queue's router (metrics on) under /api/queue, listening on a free loopback port. */
export async function serveQueue(queue: MessageQueue, metrics: MetricsSource): Promise<ServedQueue> {
  const app = express();
  app.use('/api/queue', createQueueRouter(queue, { metrics }));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/queue`;
  return {
    baseUrl,
    async get(path) {
      const res = await fetch(`${baseUrl}${path}`);
      return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error)))),
  };
}
