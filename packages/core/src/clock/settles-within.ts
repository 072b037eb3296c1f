import type { Clock } from './clock.js';

/** True if `promise` settles (either way) within `ms` on `clock`, false on the timeout or when `signal` aborts first. */
export function settlesWithin(clock: Clock, promise: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const done = (value: boolean): void => {
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = (): void => done(false);
    const timer = clock.setTimeout(() => done(false), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      () => done(true),
      () => done(true),
    );
  });
}
