import { createServer } from 'node:http';
import { createQueueRouter, defineEnqueueRoute } from '@mq/express';
import { createRedisQueue } from '@mq/redis';
import express from 'express';
import { faultBodySchema } from './fault-body-schema.js';
import { readWorkerConfig, reportProblems, tellParent } from './worker-runtime.js';

/** What the test tells the REST server. */
export interface ApiServerConfig {
  readonly redisUrl: string;
  readonly queueName: string;
  readonly commandTimeoutMs: number;
  /** The queue's own enqueue retries (MessageQueueOptions.enqueueTimeoutMs); undefined = the default (10 s). */
  readonly enqueueTimeoutMs?: number;
}

// A forked HTTP server: the queue's REST API (@mq/express) with one enqueue route, on a free port.
reportProblems();
const config = readWorkerConfig<ApiServerConfig>();
const queue = createRedisQueue({
  url: config.redisUrl,
  commandTimeoutMs: config.commandTimeoutMs,
  connectTimeoutMs: config.commandTimeoutMs,
  ...(config.enqueueTimeoutMs === undefined ? {} : { enqueueTimeoutMs: config.enqueueTimeoutMs }),
});
await queue.connect();
const app = express();
app.use(
  '/api/queue',
  createQueueRouter(queue, {
    enqueueRoutes: {
      fault: defineEnqueueRoute({
        queueName: config.queueName,
        body: faultBodySchema,
        toMessage: (body) => ({ type: 'fault', payload: { seq: body.seq }, options: { id: body.id } }),
      }),
    },
  }),
);
const server = createServer(app);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  tellParent({ type: 'ready', pid: process.pid, ...(typeof address === 'object' && address !== null ? { port: address.port } : {}) });
});
process.on('SIGTERM', () => {
  server.close();
  void queue.disconnect();
});
