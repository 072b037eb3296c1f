import type { Clock } from './clock.js';

/**
 * Resolves after `ms` on `clock`, or as soon as `signal` aborts (at once if it already has). It
 * never rejects: a pause cut short by a close is not a failure, and the caller knows why it woke.
 * Either way the timer and the abort listener are gone, so a subscription that pauses many times
 * on one long-lived signal piles up neither.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted === true) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const wake = (): void => {
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = clock.setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });
}
