import { ProblemError } from './problem.js';
import { parseBooleanQuery } from './parse-boolean-query.js';
import { guardedQueueName, requiredQueueName, type RouterContext } from './router-context.js';

/** GET /health, GET /stats[?queueName=|?all=true], GET /size/:queueName. */
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
    if (queueName !== undefined) res.json(await ctx.queue.getStats(queueName));
    else res.json(allQueues === true ? await ctx.queue.getStats({ allQueues: true }) : await ctx.queue.getStats());
  });

  ctx.route('get', '/size/:queueName', ctx.guard('size', 'param'), async (_req, res) => {
    const queueName = requiredQueueName(res);
    res.json({ queueName, size: await ctx.queue.size(queueName) });
  });
}
