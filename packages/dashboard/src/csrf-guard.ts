import { timingSafeEqual } from 'node:crypto';
import { ProblemError } from '@mq/express';
import type { RequestHandler } from 'express';

/** The request header that must carry the dashboard's token on every request that changes something. */
export const CSRF_HEADER = 'x-mq-dashboard-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: a page on another site can make the browser send a POST with the
 * user's cookies or Basic credentials, but it cannot read the dashboard's page, so it cannot learn
 * the token the page carries (nor set a custom header cross-origin without a CORS preflight, which
 * the dashboard never answers). Every non-GET request must echo the token in CSRF_HEADER, and an
 * Origin header, when the browser sends one, must name this host. Read-only mode refuses writes
 * before this check (403 either way).
 */
export function csrfGuard(token: string, readOnly: boolean): RequestHandler {
  const expected = Buffer.from(token);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (readOnly) throw new ProblemError('forbidden', 'This dashboard is read-only: it changes nothing.');
    const given = Buffer.from(req.get(CSRF_HEADER) ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ProblemError('forbidden', `Send the dashboard's token in the ${CSRF_HEADER} header (the page does).`);
    }
    const origin = req.get('origin');
    // Host only: behind a TLS proxy without 'trust proxy', req.protocol says http for an https page.
    if (origin !== undefined && hostOf(origin) !== req.get('host')) {
      throw new ProblemError('forbidden', `A request from ${origin} cannot act on this dashboard.`);
    }
    next();
  };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
