import { parseIdsBody } from './parse-ids-body.js';
import { parseIntegerQuery } from './parse-integer-query.js';
import { redactPayload } from './redact-payload.js';
import { requiredQueueName, type RouterContext } from './router-context.js';

/** DELETE /purge/:queueName, DELETE /queues/:queueName and the dead-letter endpoints. */
export function mountManagementRoutes(ctx: RouterContext): void {
  ctx.route('delete', '/purge/:queueName', ctx.guard('purge', 'param'), async (_req, res) => {
    const queueName = requiredQueueName(res);
    res.json({ queueName, purged: await ctx.queue.purge(queueName) });
  });

  ctx.route('delete', '/queues/:queueName', ctx.guard('deleteQueue', 'param'), async (_req, res) => {
    const queueName = requiredQueueName(res);
    await ctx.queue.deleteQueue(queueName);
    res.json({ queueName, deleted: true });
  });

  ctx.route('get', '/dead-letters/:queueName', ctx.guard('deadLetters:list', 'param'), async (req, res) => {
    const queueName = requiredQueueName(res);
    const offset = parseIntegerQuery(req.query.offset, 'offset') ?? 0;
    const limit = parseIntegerQuery(req.query.limit, 'limit') ?? 100;
    const listed = await ctx.queue.deadLetters(queueName, { offset, limit });
    // Listed through the queue, so decrypted when it has the keys; redactPayloads hides them anyway.
    const deadLetters = ctx.redactPayloads ? listed.map(redactPayload) : listed;
    res.json({ queueName, offset, limit, deadLetters });
  });

  ctx.route('post', '/dead-letters/:queueName/replay', ctx.guard('deadLetters:replay', 'param'), ctx.jsonBody(false), async (req, res) => {
    const queueName = requiredQueueName(res);
    const result = await ctx.queue.replayDeadLetters(queueName, parseIdsBody(req.body));
    res.json({ queueName, ...result });
  });

  ctx.route('delete', '/dead-letters/:queueName', ctx.guard('deadLetters:purge', 'param'), ctx.jsonBody(false), async (req, res) => {
    const queueName = requiredQueueName(res);
    res.json({ queueName, purged: await ctx.queue.purgeDeadLetters(queueName, parseIdsBody(req.body)) });
  });
}
