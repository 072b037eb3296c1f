import type { RequestHandler } from 'express';
import { ProblemError } from './problem.js';

/**
 * For a path that serves only `methods`: OPTIONS gets 204 with `Allow`, any other method a 405
 * problem with `Allow` (and `allow` in the body). Mount it after the path's routes, e.g.
 * `app.post('/demo', …); app.all('/demo', methodNotAllowed(['POST']))`. GET implies HEAD, as in Express.
 */
export function methodNotAllowed(methods: readonly string[]): RequestHandler {
  const allow = allowList(methods);
  const header = allow.join(', ');
  return (req, res, next) => {
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', header);
      res.status(204).end();
      return;
    }
    next(new ProblemError('method-not-allowed', `${req.method} is not allowed here; use ${header}.`, { extensions: { allow }, headers: { Allow: header } }));
  };
}

function allowList(methods: readonly string[]): string[] {
  const allow: string[] = [];
  for (const method of methods) {
    const upper = method.toUpperCase();
    if (!allow.includes(upper)) allow.push(upper);
    // Express answers HEAD with the GET handler.
    if (upper === 'GET' && !allow.includes('HEAD')) allow.push('HEAD');
  }
  return allow;
}
