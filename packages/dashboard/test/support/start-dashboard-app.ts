import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageQueue } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import express from 'express';
import { createDashboard, type Dashboard, type DashboardOptions } from '../../src/index.js';

export interface DashboardApp {
  queue: MessageQueue;
  dashboard: Dashboard;
  server: Server;
  /** http://127.0.0.1:<port>/dashboard */
  url: string;
  close(): Promise<void>;
}

/** An Express app with the dashboard at /dashboard over a connected in-memory queue, on an ephemeral port. */
export async function startDashboardApp(options: Omit<DashboardOptions, 'queue'> = {}, queue = new MessageQueue({ provider: createInMemoryProvider() })): Promise<DashboardApp> {
  await queue.connect();
  const dashboard = createDashboard({ queue, ...options });
  const app = express();
  app.use('/dashboard', dashboard);
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    queue,
    dashboard,
    server,
    url: `http://127.0.0.1:${port}/dashboard`,
    close: async () => {
      dashboard.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.disconnect();
    },
  };
}

/** Makes one dead letter in `queueName` (maxRetries 0, taken and failed once); resolves with its id. */
export async function makeDeadLetter(queue: MessageQueue, queueName: string, payload: unknown): Promise<string> {
  const id = await queue.enqueue(queueName, queue.createMessage('job', payload, { maxRetries: 0, userId: 'u-1' }));
  const taken = await queue.dequeue(queueName);
  if (taken?.id !== id) throw new Error(`expected to take ${id}`);
  await queue.nack(taken, new Error('boom'));
  return id;
}
