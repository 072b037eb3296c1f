import { MessageQueue, QUEUE_NAMES } from '@mq/core';
import { createQueueRouter, type QueueRouterOptions } from '../../src/index.js';
import { createInMemoryProvider } from '@mq/memory';
import express, { type Express } from 'express';
import { afterEach } from 'vitest';
import { specRoutes } from './spec-routes.js';

export const ADMIN_TOKEN = 'test-admin-token';

/** Allows reads and enqueue; management needs `Authorization: Bearer test-admin-token`. */
export const bearerAuthorize: QueueRouterOptions['authorize'] = (req, action) => {
  if (!['purge', 'deadLetters:list', 'deadLetters:replay', 'deadLetters:purge'].includes(action)) return true;
  const header = req.get('authorization');
  if (header === undefined) return { status: 401, wwwAuthenticate: 'Bearer realm="queue"' };
  return header === `Bearer ${ADMIN_TOKEN}`;
};

let makeQueue: () => MessageQueue = () => new MessageQueue({ provider: createInMemoryProvider() });
let expectedProvider = 'memory';
const opened: MessageQueue[] = [];
afterEach(async () => {
  for (const queue of opened.splice(0)) await queue.disconnect();
});

/** Makes createTestApp build its queues with `factory` (a test file calls it once, at the top). */
export function useQueueFactory(factory: () => MessageQueue, providerName: string): void {
  makeQueue = factory;
  expectedProvider = providerName;
}

/** The provider name the current queues report. */
export function providerName(): string {
  return expectedProvider;
}

export interface TestApp {
  app: Express;
  queue: MessageQueue;
}

/** The router mounted at /api/queue on a fresh, connected queue (from useQueueFactory; memory by default). Disconnected after the test. */
export async function createTestApp(options: Partial<QueueRouterOptions> & { queue?: MessageQueue } = {}): Promise<TestApp> {
  const { queue: given, ...routerOptions } = options;
  const queue = given ?? makeQueue();
  opened.push(queue);
  await queue.connect();
  const app = express();
  app.use(
    '/api/queue',
    createQueueRouter(queue, { queues: Object.values(QUEUE_NAMES), enqueueRoutes: specRoutes, authorize: bearerAuthorize, ...routerOptions }),
  );
  return { app, queue };
}

/** A message dead-lettered on `queueName` (maxRetries 0, failed once). */
export async function deadLetterOne(queue: MessageQueue, queueName: string, payload: unknown = { n: 1 }): Promise<string> {
  const id = await queue.enqueue(queueName, queue.createMessage('test', payload, { maxRetries: 0 }));
  const taken = await queue.dequeue(queueName);
  if (taken === null) throw new Error('expected a message');
  await queue.nack(taken, new Error('boom'));
  return id;
}
