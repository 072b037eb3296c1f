import { ProblemError } from '@mq/express';
import type { RequestHandler } from 'express';
import type { DashboardAuthorize } from './dashboard-options.js';

/**
 * The user's authorize hook in front of everything the dashboard serves: true passes, false is a
 * 403, an object a 401 or 403 with its detail and WWW-Authenticate header (so a browser can prompt
 * for a login before it gets even the page).
 */
export function dashboardAccess(authorize: DashboardAuthorize | undefined): RequestHandler {
  return async (req, _res, next) => {
    if (authorize === undefined) return next();
    const decision = await authorize(req);
    if (decision === true) return next();
    if (decision === false) throw new ProblemError('forbidden', 'This dashboard is not open to you.');
    const headers: Record<string, string> = decision.wwwAuthenticate === undefined ? {} : { 'WWW-Authenticate': decision.wwwAuthenticate };
    throw new ProblemError(decision.status === 401 ? 'unauthorized' : 'forbidden', decision.detail ?? 'This dashboard is not open to you.', { headers });
  };
}
