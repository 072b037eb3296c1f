import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock/manual-clock.js';
import { sleep } from '../../src/clock/sleep.js';

/** Whether `promise` has resolved once queued callbacks ran (no clock time passes). */
async function resolvedNow(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('sleep(clock, ms, signal)', () => {
  it('resolves once ms have passed on the clock, not before', async () => {
    const clock = new ManualClock(0);
    const slept = sleep(clock, 100);
    await clock.advance(99);
    expect(await resolvedNow(slept)).toBe(false);
    await clock.advance(1);
    expect(await resolvedNow(slept)).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('resolves (never rejects) as soon as the signal aborts, and leaves no timer behind', async () => {
    const clock = new ManualClock(0);
    const stop = new AbortController();
    const slept = sleep(clock, 5000, stop.signal);
    expect(await resolvedNow(slept)).toBe(false);
    stop.abort(new Error('closing'));
    expect(await resolvedNow(slept)).toBe(true);
    expect(clock.now()).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('resolves at once, setting no timer, when the signal has already aborted', async () => {
    const clock = new ManualClock(0);
    const slept = sleep(clock, 5000, AbortSignal.abort());
    expect(clock.pendingTimers).toBe(0);
    expect(await resolvedNow(slept)).toBe(true);
  });

  it('removes its abort listener when the time is up (a subscription pauses many times on one signal)', async () => {
    const clock = new ManualClock(0);
    const stop = new AbortController();
    const slept = sleep(clock, 10, stop.signal);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(1);
    await clock.advance(10);
    expect(await resolvedNow(slept)).toBe(true);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });
});
