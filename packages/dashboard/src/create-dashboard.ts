import { randomBytes } from 'node:crypto';
import { systemClock } from '@mq/core';
import { createQueueRouter, ProblemError, queueErrorHandler } from '@mq/express';
import express, { type Router } from 'express';
import { ActivityHistory } from './activity-history.js';
import { clientAssets } from './client-assets.js';
import { csrfGuard } from './csrf-guard.js';
import { dashboardAccess } from './dashboard-access.js';
import { dashboardActions } from './dashboard-actions.js';
import type { DashboardOptions } from './dashboard-options.js';
import { indexPage } from './index-page.js';
import { LiveFeed } from './live-feed.js';
import { overviewRoute } from './overview-route.js';

/** The Express sub-app; close() stops listening to the queue and ends the open event streams. */
export type Dashboard = Router & { close(): void };

export const DEFAULT_POLL_INTERVAL_MS = 5000;

/**
 * The monitoring dashboard: `app.use('/dashboard', createDashboard({ queue }))`. It serves its page
 * and assets (no CDN), its JSON API under /api (the queue router of @mq/express, restricted to what
 * the page reads and does) and a server-sent event stream at /api/events. The queue stays yours.
 */
export function createDashboard(options: DashboardOptions): Dashboard {
  const { queue, authorize } = options;
  if (typeof queue !== 'object' || queue === null || typeof queue.getStats !== 'function') throw new TypeError('createDashboard() needs { queue }: a MessageQueue.');
  const readOnly = options.readOnly === true;
  const redactPayloads = options.redactPayloads === true;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const clock = options.clock ?? systemClock;
  // One token per dashboard instance: any page it served may act, no page of another origin can read it.
  const csrfToken = randomBytes(24).toString('base64url');
  const history = new ActivityHistory(clock);
  const feed = new LiveFeed(queue, history, clock);
  const assets = clientAssets();

  const router = express.Router();
  router.use(dashboardAccess(authorize));
  router.get('/', indexPage({ csrfToken, readOnly, redactPayloads, pollIntervalMs }));
  router.get('/assets/:file', assets.handler);
  router.use('/api', csrfGuard(csrfToken, readOnly));
  router.get('/api/overview', overviewRoute(queue, history, { readOnly, redactPayloads, pollIntervalMs }));
  router.get('/api/events', (_req, res) => feed.open(res));
  // Purge empties the queue: the request must name it again (the page asks the user to type it).
  router.delete('/api/purge/:queueName', (req, _res, next) => {
    if (req.query.confirm !== req.params.queueName) throw new ProblemError('forbidden', `Confirm the purge: add ?confirm=${req.params.queueName}.`);
    next();
  });
  router.use('/api', createQueueRouter(queue, { authorize: dashboardActions(readOnly), redactPayloads, ...(options.onError === undefined ? {} : { onError: options.onError }) }));
  router.use((req, _res, next) => next(new ProblemError('not-found', `The dashboard has no page at ${req.baseUrl}${req.path}.`)));
  router.use(queueErrorHandler(options.onError));
  return Object.assign(router, { close: () => feed.close() });
}
