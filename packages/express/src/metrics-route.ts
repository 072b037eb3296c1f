import type { MetricsSource } from './queue-router-options.js';
import type { RouterContext } from './router-context.js';

/** GET /metrics: the metrics source's exposition text (e.g. @mq/prometheus), as it is. */
export function mountMetricsRoute(ctx: RouterContext, source: MetricsSource): void {
  ctx.route('get', '/metrics', ctx.guard('metrics', 'none'), async (_req, res) => {
    const text = await source.metrics();
    res.status(200).type(source.contentType).send(text);
  });
}
