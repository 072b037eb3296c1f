import type { Clock, TimerHandle } from './clock.js';

/**
 * The real clock: Date.now() and Node timers. Timers keep the process alive like any timer, so a
 * worker waiting for a delayed message does not exit; the queue clears its timers when it stops.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, delayMs) {
    return setTimeout(callback, Math.max(0, delayMs)) as unknown as TimerHandle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as unknown as NodeJS.Timeout);
  },
};
