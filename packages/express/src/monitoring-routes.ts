import { guardedQueueName, requiredQueueName, type RouterContext } from './router-context.js';

/** GET /health, GET /stats[?queueName=], GET /size/:queueName. */
export function mountMonitoringRoutes(ctx: RouterContext): void {
  ctx.route('get', '/health', ctx.guard('health', 'none'), async (_req, res) => {
    const report = await ctx.queue.health();
    res.status(report.healthy ? 200 : 503).json(report);
  });

  ctx.route('get', '/stats', ctx.guard('stats', 'query'), async (_req, res) => {
    const queueName = guardedQueueName(res);
    res.json(queueName === undefined ? await ctx.queue.getStats() : await ctx.queue.getStats(queueName));
  });

  ctx.route('get', '/size/:queueName', ctx.guard('size', 'param'), async (_req, res) => {
    const queueName = requiredQueueName(res);
    res.json({ queueName, size: await ctx.queue.size(queueName) });
  });
}
