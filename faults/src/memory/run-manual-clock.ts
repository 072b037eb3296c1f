import type { ManualClock } from '@mq/core';

export interface RunClockOptions {
  /** Fake milliseconds per step. */
  readonly stepMs: number;
  /** Give up after this much fake time. */
  readonly maxMs: number;
  /** Called before each step (e.g. to kill a consumer on schedule). */
  readonly beforeStep?: (now: number) => void | Promise<void>;
  readonly what: string;
}

/**
 * Advances a ManualClock step by step until `done()` holds: the in-process cases run minutes of
 * leases and backoff in moments, bounded by maxMs of fake time.
 */
export async function runManualClock(clock: ManualClock, done: () => boolean | Promise<boolean>, options: RunClockOptions): Promise<number> {
  const start = clock.now();
  const maxSteps = Math.ceil(options.maxMs / options.stepMs);
  for (let step = 0; step <= maxSteps; step++) {
    if (await done()) return clock.now() - start;
    await options.beforeStep?.(clock.now());
    await clock.advance(options.stepMs);
  }
  throw new Error(`Still waiting for ${options.what} after ${options.maxMs} ms of clock time`);
}
