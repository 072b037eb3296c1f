import { ValidationError } from '../errors/validation-error.js';
import type { QueueMessage } from '../message/queue-message.js';

/** Decides how long to wait before the next attempt. `failedAttempt` is 1 for the first failure. */
export type RetryStrategy = (failedAttempt: number, error: unknown, message: QueueMessage) => number;

export interface RetryOptions {
  /** Delay after the first failure; default 1000 ms. */
  baseDelayMs?: number;
  /** Growth per failure; default 2. */
  factor?: number;
  /** Upper bound of any delay; default 30000 ms. */
  maxDelayMs?: number;
  /** 0 (default) to 1: each delay is reduced by up to this fraction at random. */
  jitter?: number;
  /** Replaces the exponential formula; its result is still capped by maxDelayMs. */
  strategy?: RetryStrategy;
  /** Random source in [0, 1) for jitter; default Math.random. */
  random?: () => number;
}

export type RetryPolicy = (failedAttempt: number, error: unknown, message: QueueMessage) => number;

function option(value: number | undefined, fallback: number, field: string, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid retry.${field} ${String(value)}: use a number from ${min} to ${max}.`, {
      field: `retry.${field}`,
    });
  }
  return value;
}

/**
 * Exponential backoff: 1 s, 2 s, 4 s, … capped at 30 s by default, so attempt 2 runs 1 s after
 * attempt 1 failed, attempt 3 2 s after attempt 2 failed, and so on.
 */
export function createRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  const baseDelayMs = option(options.baseDelayMs, 1000, 'baseDelayMs', 0, 86_400_000);
  const factor = option(options.factor, 2, 'factor', 1, 100);
  const maxDelayMs = option(options.maxDelayMs, 30_000, 'maxDelayMs', 0, 86_400_000);
  const jitter = option(options.jitter, 0, 'jitter', 0, 1);
  const random = options.random ?? Math.random;
  const strategy = options.strategy;
  return (failedAttempt, error, message) => {
    const raw = strategy ? strategy(failedAttempt, error, message) : baseDelayMs * factor ** Math.max(0, failedAttempt - 1);
    const bounded = Math.min(maxDelayMs, Number.isFinite(raw) && raw > 0 ? raw : 0);
    return Math.round(jitter > 0 ? bounded * (1 - jitter * random()) : bounded);
  };
}
