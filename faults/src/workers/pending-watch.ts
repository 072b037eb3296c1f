/**
 * Watches library promises: how long each stays pending. One that is still pending after
 * `boundMs` is reported once (the issue: no promise pending past the command timeout + 1 s).
 */
export class PendingWatch {
  /** Longest time any tracked promise took to settle. */
  maxSettleMs = 0;
  overdue = 0;
  private readonly pending = new Map<number, { label: string; since: number; reported: boolean }>();
  private nextId = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly boundMs: number,
    private readonly onOverdue: (label: string, pendingMs: number) => void,
  ) {
    this.timer = setInterval(() => this.check(), 250);
    this.timer.unref();
  }

  track<T>(label: string, promise: Promise<T>): Promise<T> {
    const id = this.nextId++;
    this.pending.set(id, { label, since: Date.now(), reported: false });
    const settle = (): void => {
      const entry = this.pending.get(id);
      this.pending.delete(id);
      if (entry !== undefined) this.maxSettleMs = Math.max(this.maxSettleMs, Date.now() - entry.since);
    };
    promise.then(settle, settle);
    return promise;
  }

  stop(): void {
    clearInterval(this.timer);
    this.check();
  }

  private check(): void {
    const now = Date.now();
    for (const entry of this.pending.values()) {
      if (!entry.reported && now - entry.since > this.boundMs) {
        entry.reported = true;
        this.overdue++;
        this.onOverdue(entry.label, now - entry.since);
      }
    }
  }
}
