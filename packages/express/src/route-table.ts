import type { RequestHandler, Router } from 'express';
import { methodNotAllowed } from './method-not-allowed.js';
import { ProblemError } from './problem.js';

export type RouteMethod = 'get' | 'post' | 'delete';

/**
 * Mounts the router's routes and remembers which methods each path serves, so that a known path
 * asked with another method is a 405 with `Allow` (OPTIONS: 204) and any other path a 404 problem,
 * instead of falling through to Express's HTML page.
 */
export class RouteTable {
  private readonly methods = new Map<string, RouteMethod[]>();

  constructor(private readonly router: Router) {}

  add(method: RouteMethod, path: string, ...handlers: RequestHandler[]): void {
    this.router[method](path, ...handlers);
    const methods = this.methods.get(path) ?? [];
    if (!methods.includes(method)) methods.push(method);
    this.methods.set(path, methods);
  }

  /** Call after the last route: the 405 of every known path, then the 404 of everything else. */
  mountFallbacks(): void {
    for (const [path, methods] of this.methods) this.router.all(path, methodNotAllowed(methods));
    this.router.use((req, _res, next) => {
      const base = req.baseUrl;
      next(new ProblemError('not-found', `There is no endpoint at ${base}${req.path}; GET ${base}/openapi.json lists them.`));
    });
  }
}
