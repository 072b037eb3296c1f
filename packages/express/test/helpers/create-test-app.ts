import { MessageQueue, QUEUE_NAMES } from '@mq/core';
import { createQueueRouter, type QueueRouterOptions } from '../../src/index.js';
import { createInMemoryProvider } from '@mq/memory';
import express, { type Express } from 'express';
import { afterEach } from 'vitest';
import { specRoutes } from './spec-routes.js';

export const ADMIN_TOKEN = 'test-admin-token';

/** Allows reads and enqueue; management needs `Authorization: Bearer test-admin-token`. */
export const bearerAuthorize: QueueRouterOptions['authorize'] = (req, action) => {
  if (!['purge', 'deleteQueue', 'deadLetters:list', 'deadLetters:replay', 'deadLetters:purge'].includes(action)) return true;
  const header = req.get('authorization');
  if (header === undefined) return { status: 401, wwwAuthenticate: 'Bearer realm="queue"' };
  return header === `Bearer ${ADMIN_TOKEN}`;
};

const peers = new WeakMap<MessageQueue, () => MessageQueue>();

/** Says how to make a second queue on the same store as `queue` (another app sharing it). */
export function registerPeer(queue: MessageQueue, makePeer: () => MessageQueue): MessageQueue {
  peers.set(queue, makePeer);
  return queue;
}

let makeQueue: () => MessageQueue = () => {
  const provider = createInMemoryProvider();
  return registerPeer(new MessageQueue({ provider }), () => new MessageQueue({ provider }));
};
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
  /** A second, connected queue on the same store: another app's (disconnected after the test). */
  peer(): Promise<MessageQueue>;
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
  const peer = async (): Promise<MessageQueue> => {
    const make = peers.get(queue);
    if (make === undefined) throw new Error('this test queue has no peer factory (registerPeer)');
    const other = make();
    opened.push(other);
    await other.connect();
    return other;
  };
  return { app, queue, peer };
}

/** A message dead-lettered on `queueName` (maxRetries 0, failed once). */
export async function deadLetterOne(queue: MessageQueue, queueName: string, payload: unknown = { n: 1 }): Promise<string> {
  const id = await queue.enqueue(queueName, queue.createMessage('test', payload, { maxRetries: 0 }));
  const taken = await queue.dequeue(queueName);
  if (taken === null) throw new Error('expected a message');
  await queue.nack(taken, new Error('boom'));
  return id;
}
