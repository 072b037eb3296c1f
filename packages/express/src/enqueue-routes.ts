import type { RequestHandler } from 'express';
import { idempotentRequest } from './idempotency-key.js';
import { ProblemError } from './problem.js';
import type { EnqueueRoute } from './queue-router-options.js';
import { requiredQueueName, type RouterContext } from './router-context.js';
import { validateBody } from './validate-body.js';

/** POST /enqueue/<name> for each app-defined route; 404 problem for other names. */
export function mountEnqueueRoutes(ctx: RouterContext, routes: Record<string, EnqueueRoute>, limiter: RequestHandler | undefined, keyTtlMs: number): void {
  const before = limiter === undefined ? [] : [limiter];
  for (const [name, route] of Object.entries(routes)) {
    ctx.route('post', `/enqueue/${name}`, ...before, ctx.guard('enqueue', { fixed: route.queueName }), ctx.jsonBody(true), async (req, res) => {
      const queueName = requiredQueueName(res);
      const body = await validateBody(route.body, req.body);
      const spec = await route.toMessage(body, req);
      // With Idempotency-Key, the key (a ttl deduplication key in the queue) decides whether this repeats a request.
      const keyed = idempotentRequest(req, `enqueue/${name}`, keyTtlMs, spec.options);
      const message = ctx.queue.createMessage(spec.type, spec.payload, keyed?.options ?? spec.options);
      const messageId = await ctx.queue.enqueue(queueName, message);
      if (keyed?.outcome(messageId) === 'replayed') res.setHeader('Idempotent-Replayed', 'true');
      res.status(202).json({ messageId, queueName });
    });
  }
  ctx.route('post', '/enqueue/:route', (req) => {
    throw new ProblemError('route-not-found', `There is no enqueue route "${String(req.params.route)}".`, { extensions: { routes: Object.keys(routes) } });
  });
}
