export interface Pending<I, R> {
  readonly item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export interface CallBatcherOptions {
  /** Items per batch at most; default 500. */
  readonly maxBatch?: number;
  /**
   * Send a call at once when no batch of its key is waiting or in flight: a lone call does not
   * wait for the end of the event-loop turn, and calls that come while one is in flight still
   * go together. Default false (always gather until the end of the turn).
   */
  readonly sendAloneAtOnce?: boolean;
}

/**
 * Gathers calls made in the same turn of the event loop (per key, e.g. per queue) and runs them
 * as one batch: fifty handlers that finish together cost one script call, not fifty. `run` must
 * return one result per item, in order.
 */
export class CallBatcher<I, R> {
  private readonly pending = new Map<string, Pending<I, R>[]>();
  /** Batches sent and not yet answered, per key (counted only with sendAloneAtOnce). */
  private readonly inFlight = new Map<string, number>();
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly sendAloneAtOnce: boolean;

  constructor(
    private readonly run: (key: string, items: I[]) => Promise<R[]>,
    options: CallBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.sendAloneAtOnce = options.sendAloneAtOnce ?? false;
  }

  add(key: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.sendAloneAtOnce && !this.inFlight.has(key) && !this.pending.has(key)) {
        this.send(key, [{ item, resolve, reject }]);
        return;
      }
      const list = this.pending.get(key) ?? [];
      this.pending.set(key, list);
      list.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Removes and returns up to `max` calls waiting for `key`, for a caller that sends them itself. */
  takePending(key: string, max = this.maxBatch): Pending<I, R>[] {
    const list = this.pending.get(key);
    if (list === undefined) return [];
    if (list.length <= max) {
      this.pending.delete(key);
      return list;
    }
    return list.splice(0, max);
  }

  private flush(): void {
    this.scheduled = false;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [key, list] of batches) {
      for (let start = 0; start < list.length; start += this.maxBatch) this.send(key, list.slice(start, start + this.maxBatch));
    }
  }

  private send(key: string, batch: Pending<I, R>[]): void {
    if (this.sendAloneAtOnce) this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    this.run(
      key,
      batch.map((p) => p.item),
    )
      .finally(() => this.sendAloneAtOnce && this.answered(key))
      .then(
        (results) => batch.forEach((p, i) => p.resolve(results[i] as R)),
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      );
  }

  private answered(key: string): void {
    const left = (this.inFlight.get(key) ?? 1) - 1;
    if (left === 0) this.inFlight.delete(key);
    else this.inFlight.set(key, left);
  }
}
