import type { Clock, TimerHandle } from '@mq/core/provider';

/** Where a waiter reads time and sets due timers: server time as best known locally. */
export interface WaiterTime {
  /** The time due instants are judged by (the server's, or the injected clock's). */
  now(): number;
  readonly timers: Clock;
}

/**
 * One pending doWaitForWork call: resolves when told to, or when the earliest due instant it was
 * shown passes. Arming with a later instant than the current one changes nothing.
 */
export class WorkWaiter {
  private dueAt = Infinity;
  private dueTimer: TimerHandle | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;
  private settled = false;

  constructor(
    private readonly time: WaiterTime,
    private readonly onSettled: (waiter: WorkWaiter) => void,
    private readonly resolve: () => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  get done(): boolean {
    return this.settled;
  }

  /** Wakes at `dueAt` (at once if it has passed) unless already due earlier. */
  arm(dueAt: number): void {
    if (this.settled || dueAt >= this.dueAt) return;
    // Already due: wake now (a manual clock would not fire a 0 ms timer until it is advanced).
    if (dueAt <= this.time.now()) return this.wake();
    this.dueAt = dueAt;
    if (this.dueTimer !== undefined) this.time.timers.clearTimeout(this.dueTimer);
    // At most 2^31 - 1 ms (a timer longer fires at once): a record held back by debounce is due at 2^50 (lua/prelude.lua, PARKED_AT).
    this.dueTimer = this.time.timers.setTimeout(() => this.wake(), Math.min(2 ** 31 - 1, Math.max(0, dueAt - this.time.now())));
  }

  /** Runs `recheck` after `ms` of real time: a guard against a lost notification. */
  armRecheck(ms: number, recheck: () => void): void {
    if (this.settled) return;
    if (this.recheckTimer !== undefined) clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(recheck, ms);
    this.recheckTimer.unref();
  }

  wake(): void {
    if (this.finish()) this.resolve();
  }

  fail(error: unknown): void {
    if (this.finish()) this.reject(error);
  }

  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (this.dueTimer !== undefined) this.time.timers.clearTimeout(this.dueTimer);
    if (this.recheckTimer !== undefined) clearTimeout(this.recheckTimer);
    this.onSettled(this);
    return true;
  }
}
