import { QUEUE_NAMES } from '@mq/core';
import { createQueueRouter, jsonBody, methodNotAllowed, queueErrorHandler, rateLimit } from '@mq/express';
import { createDashboard } from '@mq/dashboard';
import { createPrometheusMetrics } from '@mq/prometheus';
import express, { type Express } from 'express';
import { adminAuthorize } from './admin-authorize.js';
import { dashboardAuthorize } from './dashboard-authorize.js';
import type { ChatBackendConfig } from './config.js';
import { demoRoute } from './demo-route.js';
import { enqueueRoutes } from './enqueue-routes.js';
import type { QueueService } from './queue-service.js';

const demoPath = {
  post: {
    operationId: 'demo',
    summary: 'Enqueue messages that show priorities, a delayed message, a retry and a dead letter',
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['userId', 'conversationId'], additionalProperties: false, properties: { userId: { type: 'string' }, conversationId: { type: 'string' } } } } } },
    responses: { '202': { description: 'What was enqueued' }, '400': { $ref: '#/components/responses/BadRequest' }, '429': { $ref: '#/components/responses/TooManyRequests' } },
  },
};

/** What start-chat-backend closes with the app: the dashboard's event streams. */
export interface AppLocals {
  dashboard?: { close(): void };
}

/** The HTTP API: the spec's /api/queue endpoints plus POST /api/queue/demo, and the dashboard at /dashboard. */
export function createApp(service: QueueService, config: ChatBackendConfig, onError: (error: unknown) => void): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy, req.ip (the rate limit's key) is the client's only when the proxy is trusted.
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  const perMinute = { max: config.enqueueRatePerMinute, windowMs: 60_000 };
  // Beside the router, so before it: the router answers every other path under /api/queue.
  app.post('/api/queue/demo', rateLimit(perMinute), jsonBody(), demoRoute(service));
  app.all('/api/queue/demo', methodNotAllowed(['POST']));
  app.use(
    '/api/queue',
    createQueueRouter(service.messageQueue, {
      queues: Object.values(QUEUE_NAMES),
      enqueueRoutes,
      authorize: adminAuthorize(config.adminToken),
      rateLimit: perMinute,
      // GET /api/queue/metrics: Prometheus text (docs/observability.md), open like the stats.
      metrics: createPrometheusMetrics(service.messageQueue),
      openapi: { title: 'Chat backend queue API', paths: { '/demo': demoPath } },
      onError,
    }),
  );
  // The monitoring dashboard (docs/dashboard.md), behind QUEUE_ADMIN_TOKEN outside development.
  const dashboard = createDashboard({ queue: service.messageQueue, authorize: dashboardAuthorize(config.adminToken), onError });
  (app.locals as AppLocals).dashboard = dashboard;
  app.use('/dashboard', dashboard);
  app.use(queueErrorHandler(onError));
  return app;
}
