import type { RequestHandler } from 'express';
import { ProblemError } from './problem.js';
import type { PublishRoute } from './queue-router-options.js';
import type { RouterContext } from './router-context.js';
import { validateBody } from './validate-body.js';

/**
 * POST /publish/:topic (with options.publishRoute): the body validated by the route's schema, as an
 * enqueue route's, then published to the topic (docs/routing.md); GET /bindings lists the bindings.
 * Same guards as the enqueue routes: authorize ('publish'), rate limit, body limit, forbidden keys.
 */
export function mountPublishRoutes(ctx: RouterContext, route: PublishRoute | undefined, limiter: RequestHandler | undefined): void {
  ctx.route('get', '/bindings', ctx.guard('bindings', 'none'), async (_req, res) => {
    res.json({ bindings: await ctx.queue.listBindings() });
  });
  if (route === undefined) return;
  const before = limiter === undefined ? [] : [limiter];
  ctx.route('post', '/publish/:topic', ...before, ctx.guard('publish', 'none'), ctx.jsonBody(true), async (req, res) => {
    // A publish copies to several queues; no key there holds one answer for all yet (docs/deduplication.md).
    if (req.get('idempotency-key') !== undefined) {
      throw new ProblemError('invalid-header', 'Idempotency-Key is not supported on POST /publish/:topic yet; send the request without it.', { extensions: { field: 'Idempotency-Key' } });
    }
    const topic = String(req.params.topic);
    const body = await validateBody(route.body, req.body);
    const spec = await route.toMessage(body, req, topic);
    const message = ctx.queue.createMessage(spec.type, spec.payload, spec.options);
    const { messageIds, routedTo } = await ctx.queue.publish(topic, message, { mandatory: route.mandatory === true });
    res.status(202).json({ topic, messageId: message.id, messageIds, routedTo });
  });
}
