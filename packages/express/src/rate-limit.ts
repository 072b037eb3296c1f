import { systemClock, ValidationError, type Clock } from '@mq/core';
import type { Request, RequestHandler } from 'express';
import { FixedWindowCounter } from './fixed-window-counter.js';
import { ProblemError } from './problem.js';

export interface RateLimitOptions {
  /** Requests allowed per client per window. */
  max: number;
  /** Window length; default 60000 ms. */
  windowMs?: number;
  /** Who the client is; default the request's IP (set Express's `trust proxy` behind a proxy). */
  key?: (req: Request) => string;
  /** Time source; default the system clock. */
  clock?: Clock;
}

/** Per-client fixed-window limit: over it, 429 problem+json with Retry-After (seconds). */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  checkRateLimitOptions(options);
  const windowMs = options.windowMs ?? 60_000;
  const counter = new FixedWindowCounter(options.max, windowMs);
  const clock = options.clock ?? systemClock;
  const keyOf = options.key ?? ((req: Request) => req.ip ?? 'unknown');
  return (req, res, next) => {
    const result = counter.hit(keyOf(req), clock.now());
    res.setHeader('RateLimit-Limit', String(options.max));
    res.setHeader('RateLimit-Remaining', String(result.remaining));
    if (result.allowed) {
      next();
      return;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil(result.resetInMs / 1000));
    next(
      new ProblemError('rate-limited', `Too many requests; try again in ${retryAfterSeconds} s.`, {
        headers: { 'Retry-After': String(retryAfterSeconds) },
        extensions: { retryAfterSeconds },
      }),
    );
  };
}

function checkRateLimitOptions(options: unknown): asserts options is RateLimitOptions {
  const refuse = (message: string, field: string) => new ValidationError('MQ_INVALID_CONFIG', message, { field });
  if (typeof options !== 'object' || options === null) throw refuse('rateLimit needs options: { max, windowMs?, key?, clock? }.', 'rateLimit');
  const { max, windowMs, key, clock } = options as Record<string, unknown>;
  if (!Number.isInteger(max) || (max as number) < 1) throw refuse('rateLimit: max must be an integer >= 1.', 'rateLimit.max');
  if (windowMs !== undefined && (!Number.isInteger(windowMs) || (windowMs as number) < 1)) throw refuse('rateLimit: windowMs must be an integer >= 1.', 'rateLimit.windowMs');
  if (key !== undefined && typeof key !== 'function') throw refuse('rateLimit: key must be a function (req) => string.', 'rateLimit.key');
  if (clock !== undefined && typeof (clock as Partial<Clock> | null)?.now !== 'function') {
    throw refuse('rateLimit: clock must be a Clock (an object with now()), e.g. systemClock or a ManualClock.', 'rateLimit.clock');
  }
}
