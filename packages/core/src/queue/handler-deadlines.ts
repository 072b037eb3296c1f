import type { Clock, TimerHandle } from '../clock/clock.js';

export interface Deadlined {
  readonly deadline: number;
}

/**
 * Handler timeouts of one subscription on a single timer. Every handler gets the same timeoutMs,
 * so in start order the deadlines only grow: the timer waits for the first; when it fires it
 * expires what is due and re-arms for the next. A handler that finishes is a Set delete, not a
 * clearTimeout, so a busy consumer sets about one timer per timeoutMs instead of one per message.
 */
export class HandlerDeadlines<T extends Deadlined> {
  private readonly running = new Set<T>();
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly onExpired: (item: T) => void,
  ) {}

  add(item: T): void {
    this.running.add(item);
    if (this.timer === undefined) this.arm(item.deadline);
  }

  /** True if `item` was still running (its deadline had not fired). */
  delete(item: T): boolean {
    return this.running.delete(item);
  }

  forEach(fn: (item: T) => void): void {
    this.running.forEach(fn);
  }

  /** Stops the timer (the subscription is closing); deadlines no longer fire. */
  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(deadline: number): void {
    this.timer = this.clock.setTimeout(() => this.fire(), deadline - this.clock.now());
  }

  private fire(): void {
    this.timer = undefined;
    const now = this.clock.now();
    for (const item of this.running) {
      if (item.deadline > now) {
        this.arm(item.deadline);
        return;
      }
      this.running.delete(item);
      this.onExpired(item);
    }
  }
}
