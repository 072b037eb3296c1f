import { ProblemError } from './problem.js';
import { parseBooleanQuery } from './parse-boolean-query.js';
import { parseIntegerQuery } from './parse-integer-query.js';
import { guardedQueueName, requiredQueueName, type RouterContext } from './router-context.js';

/** GET /health, GET /stats[?queueName=[&topGroups=][&partitions=true]|?all=true], GET /size/:queueName. */
export function mountMonitoringRoutes(ctx: RouterContext): void {
  ctx.route('get', '/health', ctx.guard('health', 'none'), async (_req, res) => {
    const report = await ctx.queue.health();
    res.status(report.healthy ? 200 : 503).json(report);
  });

  ctx.route('get', '/stats', ctx.guard('stats', 'query'), async (req, res) => {
    const queueName = guardedQueueName(res);
    const allQueues = parseBooleanQuery(req.query.all, 'all');
    if (queueName !== undefined && allQueues !== undefined) {
      throw new ProblemError('invalid-query', 'Give either queueName (one queue) or all (every queue under the provider), not both.', { extensions: { field: 'all' } });
    }
    const topGroups = parseIntegerQuery(req.query.topGroups, 'topGroups');
    const partitions = parseBooleanQuery(req.query.partitions, 'partitions');
    for (const [field, value] of [['topGroups', topGroups], ['partitions', partitions]] as const) {
      if (value !== undefined && queueName === undefined) {
        throw new ProblemError('invalid-query', `${field} reports on one queue: give queueName with it.`, { extensions: { field } });
      }
    }
    if (queueName !== undefined) res.json(await ctx.queue.getStats(queueName, { ...(topGroups === undefined ? {} : { topGroups }), ...(partitions === undefined ? {} : { partitions }) }));
    else res.json(allQueues === true ? await ctx.queue.getStats({ allQueues: true }) : await ctx.queue.getStats());
  });

  ctx.route('get', '/size/:queueName', ctx.guard('size', 'param'), async (_req, res) => {
    const queueName = requiredQueueName(res);
    res.json({ queueName, size: await ctx.queue.size(queueName) });
  });
}
