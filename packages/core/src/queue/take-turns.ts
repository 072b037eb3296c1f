/**
 * The order in which a subscription's takes hand out their batches. Lanes take on their own, and
 * a provider may answer a later take first (on Redis a take that carries acks resolves a step
 * after a plain one), so without turns a later batch could start before an earlier one: handlers
 * would start out of the order the store handed the messages out (out of priority order).
 * Each take draws a turn before it is sent and starts its batch only when every earlier take has
 * started its own (or failed).
 */
export class TakeTurns {
  private issued = 0;
  /** The turn whose batch may start now. */
  private current = 0;
  private readonly waiting = new Map<number, () => void>();

  /** Draws the next turn; call it right before sending the take. */
  draw(): number {
    return this.issued++;
  }

  /** Undefined when `turn` may start now (no extra tick in the usual case), else resolves when it may. */
  wait(turn: number): Promise<void> | undefined {
    if (turn === this.current) return undefined;
    return new Promise<void>((resolve) => this.waiting.set(turn, resolve));
  }

  /** `turn` (the current one) has started its batch, or has nothing to start: the next may go. */
  done(turn: number): void {
    if (turn !== this.current) return;
    this.current = turn + 1;
    const next = this.waiting.get(this.current);
    if (next === undefined) return;
    this.waiting.delete(this.current);
    next();
  }
}
