import type { MessageInfo } from '@mq/core';
import { parseListQuery, parseSearchQuery } from './parse-message-query.js';
import { parseTargetBody } from './parse-target-body.js';
import { ProblemError } from './problem.js';
import type { QueueAction } from './queue-router-options.js';
import { redactPayload } from './redact-payload.js';
import { requiredQueueName, type RouterContext } from './router-context.js';

type ActionName = 'replay' | 'delete' | 'promote' | 'priority';

/**
 * The admin API over REST (docs/observability.md, "Admin API"): browse and search a queue's stored
 * messages, act on them (replay, delete, promote, priority) and pause or resume the queue. Every
 * route is a management action: refused unless the authorize hook allows it.
 */
export function mountAdminRoutes(ctx: RouterContext): void {
  const show = (items: readonly MessageInfo[]): readonly unknown[] => (ctx.redactPayloads ? items.map(redactPayload) : items);

  ctx.route('get', '/queues/:queueName/messages', ctx.guard('messages:list', 'param'), async (req, res) => {
    const queueName = requiredQueueName(res);
    const page = await ctx.queue.listMessages(queueName, parseListQuery(req.query as Record<string, unknown>));
    res.json({ queueName, items: show(page.items), nextCursor: page.nextCursor });
  });

  ctx.route('get', '/queues/:queueName/messages/:id', ctx.guard('messages:get', 'param'), async (req, res) => {
    const queueName = requiredQueueName(res);
    const id = String(req.params.id);
    const message = await ctx.queue.getMessage(queueName, id);
    if (message === null) throw new ProblemError('message-not-found', `Queue "${queueName}" holds no message "${id}" (it may have completed, or never existed).`, { extensions: { id } });
    res.json({ queueName, message: show([message])[0] });
  });

  ctx.route('get', '/queues/:queueName/search', ctx.guard('messages:search', 'param'), async (req, res) => {
    const queueName = requiredQueueName(res);
    const page = await ctx.queue.searchMessages(queueName, parseSearchQuery(req.query as Record<string, unknown>, ctx.redactPayloads));
    res.json({ queueName, items: show(page.items), nextCursor: page.nextCursor, scanned: page.scanned, complete: page.complete });
  });

  const actions: Record<ActionName, QueueAction> = { replay: 'messages:replay', delete: 'messages:delete', promote: 'messages:promote', priority: 'messages:priority' };
  for (const [name, action] of Object.entries(actions) as [ActionName, QueueAction][]) {
    ctx.route('post', `/queues/:queueName/messages/${name}`, ctx.guard(action, 'param'), ctx.jsonBody(true), async (req, res) => {
      const queueName = requiredQueueName(res);
      const { target, priority } = parseTargetBody(req.body, name === 'priority', ctx.redactPayloads);
      const { queue } = ctx;
      const report =
        name === 'replay' ? await queue.replayMessages(queueName, target)
        : name === 'delete' ? await queue.deleteMessages(queueName, target)
        : name === 'promote' ? await queue.promoteMessages(queueName, target)
        : await queue.changePriority(queueName, target, priority as number);
      res.json({ queueName, ...report });
    });
  }

  for (const paused of [true, false]) {
    ctx.route('post', `/queues/:queueName/${paused ? 'pause' : 'resume'}`, ctx.guard(paused ? 'queue:pause' : 'queue:resume', 'param'), async (_req, res) => {
      const queueName = requiredQueueName(res);
      if (paused) await ctx.queue.pauseQueue(queueName);
      else await ctx.queue.resumeQueue(queueName);
      res.json({ queueName, paused: await ctx.queue.isPaused(queueName) });
    });
  }
}
