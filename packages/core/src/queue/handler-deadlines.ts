import type { Clock, TimerHandle } from '../clock/clock.js';

/**
 * An item HandlerDeadlines can hold. The links are HandlerDeadlines' own (an item is in at most one
 * list); an item's class should set them to undefined in its constructor, so that its shape stays.
 */
export interface Deadlined {
  readonly deadline: number;
  deadlineEarlier?: Deadlined | undefined;
  deadlineLater?: Deadlined | undefined;
}

/**
 * Handler timeouts of one subscription on a single timer. Every handler gets the same timeoutMs,
 * so in start order the deadlines only grow: the timer waits for the first; when it fires it
 * expires what is due and re-arms for the next. A handler that finishes is an unlink, not a
 * clearTimeout, so a busy consumer sets about one timer per timeoutMs instead of one per message.
 *
 * The items form a doubly linked list in start order, through links on the items themselves, and an
 * item that leaves has both its links cleared. A Set served here before, and cost the in-memory
 * drain a third of its speed after the first full GC: the Set's tables, rehashed every few dozen
 * adds, end up in old space and, dead, still point at items, so every young item survives the next
 * scavenge and is promoted with its message (docs/benchmarks.md). Nothing that left the list points
 * anywhere, and nothing here allocates.
 */
export class HandlerDeadlines<T extends Deadlined> {
  private first: Deadlined | undefined;
  private last: Deadlined | undefined;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly onExpired: (item: T) => void,
  ) {}

  add(item: T): void {
    item.deadlineEarlier = this.last;
    item.deadlineLater = undefined;
    if (this.last === undefined) this.first = item;
    else this.last.deadlineLater = item;
    this.last = item;
    if (this.timer === undefined) this.arm(item.deadline);
  }

  /** True if `item` was still running (its deadline had not fired, and it was not deleted before). */
  delete(item: T): boolean {
    if (item !== this.first && item.deadlineEarlier === undefined) return false;
    this.unlink(item);
    return true;
  }

  forEach(fn: (item: T) => void): void {
    for (let item = this.first; item !== undefined; item = item.deadlineLater) fn(item as T);
  }

  /** Stops the timer (the subscription is closing); deadlines no longer fire. */
  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private unlink(item: Deadlined): void {
    const { deadlineEarlier: earlier, deadlineLater: later } = item;
    if (earlier === undefined) this.first = later;
    else earlier.deadlineLater = later;
    if (later === undefined) this.last = earlier;
    else later.deadlineEarlier = earlier;
    item.deadlineEarlier = undefined;
    item.deadlineLater = undefined;
  }

  private arm(deadline: number): void {
    this.timer = this.clock.setTimeout(() => this.fire(), deadline - this.clock.now());
  }

  private fire(): void {
    this.timer = undefined;
    const now = this.clock.now();
    for (let item = this.first; item !== undefined; item = this.first) {
      if (item.deadline > now) {
        this.arm(item.deadline);
        return;
      }
      this.unlink(item);
      this.onExpired(item as T);
    }
  }
}
