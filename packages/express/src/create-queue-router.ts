import type { MessageQueue } from '@mq/core';
import express, { type Router } from 'express';
import { mountAdminRoutes } from './admin-routes.js';
import { authorizeAction } from './authorize-action.js';
import { checkEnqueueRoutes, checkQueueRouterArguments } from './check-queue-router-arguments.js';
import { mountEnqueueRoutes } from './enqueue-routes.js';
import { DEFAULT_IDEMPOTENCY_KEY_TTL_MS } from './idempotency-key.js';
import { jsonBody } from './json-body.js';
import { mountManagementRoutes } from './management-routes.js';
import { mountMetricsRoute } from './metrics-route.js';
import { mountMonitoringRoutes } from './monitoring-routes.js';
import { mountPublishRoutes } from './publish-routes.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { ProblemError } from './problem.js';
import { queueErrorHandler } from './queue-error-handler.js';
import type { QueueRouterOptions } from './queue-router-options.js';
import { rateLimit } from './rate-limit.js';
import { resolveQueueName } from './resolve-queue-name.js';
import { RouteTable } from './route-table.js';
import type { QueueNameSource, RouterContext } from './router-context.js';

/**
 * The queue's REST API as an Express 5 router: `app.use('/api/queue', createQueueRouter(queue, options))`.
 * Every error under the mount point, unknown paths (404) and methods (405) included, is answered as
 * RFC 9457 problem+json. The queue stays yours: connect and disconnect it yourself.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createQueueRouter(queue: MessageQueue<any>, options: QueueRouterOptions = {}): Router {
  checkQueueRouterArguments(queue, options);
  const known = options.queues === undefined ? undefined : new Set(options.queues);
  const routes = options.enqueueRoutes ?? {};
  checkEnqueueRoutes(routes, known);
  const router = express.Router();
  const table = new RouteTable(router);
  const ctx: RouterContext = {
    queue,
    redactPayloads: options.redactPayloads === true,
    guard: (action, source) => async (req, res, next) => {
      const queueName = queueNameFrom(source, req.params.queueName, req.query.queueName, known);
      (res.locals as { queueName?: string }).queueName = queueName;
      await authorizeAction(options.authorize, req, action, queueName);
      next();
    },
    jsonBody: (required) => jsonBody({ limit: options.bodyLimit ?? '1mb', required }),
    route: (method, path, ...handlers) => table.add(method, path, ...handlers),
  };

  mountMonitoringRoutes(ctx);
  mountManagementRoutes(ctx);
  mountAdminRoutes(ctx);
  if (options.metrics !== undefined) mountMetricsRoute(ctx, options.metrics);
  const limiter = options.rateLimit === undefined ? undefined : rateLimit(options.rateLimit);
  mountEnqueueRoutes(ctx, routes, limiter, options.idempotencyKeyTtlMs ?? DEFAULT_IDEMPOTENCY_KEY_TTL_MS);
  mountPublishRoutes(ctx, options.publishRoute, limiter);
  ctx.route('get', '/openapi.json', ctx.guard('openapi', 'none'), (req, res) => {
    res.json(buildOpenApiDocument(routes, options.queues, options.openapi ?? {}, req.baseUrl === '' ? '/' : req.baseUrl, options.metrics !== undefined, options.publishRoute));
  });
  // Everything under the mount point answers problem+json, unknown paths and methods included.
  table.mountFallbacks();
  router.use(queueErrorHandler(options.onError));
  return router;
}

function queueNameFrom(source: QueueNameSource, param: unknown, query: unknown, known: ReadonlySet<string> | undefined): string | undefined {
  if (source === 'none') return undefined;
  if (source === 'param') return resolveQueueName(param, known);
  if (source === 'query') {
    if (query === undefined) return undefined;
    if (typeof query !== 'string') throw new ProblemError('invalid-query', 'Give queueName once, as a string.', { extensions: { field: 'queueName' } });
    return resolveQueueName(query, known);
  }
  return source.fixed;
}
