/** An opaque handle returned by Clock.setTimeout. */
export type TimerHandle = { readonly __timer: unique symbol } | object;

/**
 * Where @mq reads time and schedules timers. The core and the in-memory provider never call
 * Date.now() or setTimeout directly; tests pass a ManualClock instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
