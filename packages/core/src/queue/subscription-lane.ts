/**
 * A share of a subscription's handler slots with its own take loop. From 8 slots on, a
 * subscription runs two lanes: while the store serves one lane's take (with the acks it carries),
 * this process runs the other lane's handlers, so neither side waits for the other.
 */
export class SubscriptionLane {
  /** Handlers of this lane running now. */
  running = 0;
  /** Deliveries of this lane not yet settled (handler running, or its settle in flight). */
  inFlight = 0;
  private wake: (() => void) | undefined;

  constructor(readonly concurrency: number) {}

  /** Slots a take may ask for now: free handler slots, keeping unsettled deliveries below twice the lane's size. */
  get free(): number {
    return Math.min(this.concurrency - this.running, 2 * this.concurrency - this.inFlight);
  }

  /** Resolves at the next wakeUp(). */
  sleep(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve));
  }

  wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** The lanes of a subscription: one below 8 slots, else two of (nearly) half each. */
export function laneSizes(concurrency: number): number[] {
  if (concurrency < 8) return [concurrency];
  const half = Math.ceil(concurrency / 2);
  return [half, concurrency - half];
}
