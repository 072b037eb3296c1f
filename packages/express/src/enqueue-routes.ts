import { validateQueueName } from '@mq/core';
import type { RequestHandler } from 'express';
import { ProblemError } from './problem.js';
import type { EnqueueRoute } from './queue-router-options.js';
import { requiredQueueName, type RouterContext } from './router-context.js';
import { validateBody } from './validate-body.js';

export const ROUTE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** POST /enqueue/<name> for each app-defined route; 404 problem for other names. */
export function mountEnqueueRoutes(ctx: RouterContext, routes: Record<string, EnqueueRoute>, limiter: RequestHandler | undefined): void {
  const before = limiter === undefined ? [] : [limiter];
  for (const [name, route] of Object.entries(routes)) {
    ctx.route('post', `/enqueue/${name}`, ...before, ctx.guard('enqueue', { fixed: route.queueName }), ctx.jsonBody(true), async (req, res) => {
      const queueName = requiredQueueName(res);
      const body = await validateBody(route.body, req.body);
      const spec = await route.toMessage(body, req);
      const message = ctx.queue.createMessage(spec.type, spec.payload, spec.options);
      const messageId = await ctx.queue.enqueue(queueName, message);
      res.status(202).json({ messageId, queueName });
    });
  }
  ctx.route('post', '/enqueue/:route', (req) => {
    throw new ProblemError('route-not-found', `There is no enqueue route "${String(req.params.route)}".`, { extensions: { routes: Object.keys(routes) } });
  });
}

/** Fails fast at start-up on a route the router could never serve. */
export function checkEnqueueRoutes(routes: Record<string, EnqueueRoute>, known: ReadonlySet<string> | undefined): void {
  for (const [name, route] of Object.entries(routes)) {
    if (!ROUTE_NAME_PATTERN.test(name)) throw new TypeError(`Enqueue route name "${name}" must match ${ROUTE_NAME_PATTERN.source}.`);
    if (typeof route.body?.['~standard']?.validate !== 'function') throw new TypeError(`Enqueue route "${name}" needs a Standard Schema validator as body.`);
    if (typeof route.toMessage !== 'function') throw new TypeError(`Enqueue route "${name}" needs a toMessage function.`);
    validateQueueName(route.queueName);
    if (known !== undefined && !known.has(route.queueName)) throw new TypeError(`Enqueue route "${name}" targets queue "${route.queueName}", which is not in options.queues.`);
  }
}
