export interface Pending<I, R> {
  readonly item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Gathers calls made in the same turn of the event loop (per key, e.g. per queue) and runs them
 * as one batch: fifty handlers that finish together cost one script call, not fifty. `run` must
 * return one result per item, in order.
 */
export class CallBatcher<I, R> {
  private readonly pending = new Map<string, Pending<I, R>[]>();
  private scheduled = false;

  constructor(
    private readonly run: (key: string, items: I[]) => Promise<R[]>,
    private readonly maxBatch = 500,
  ) {}

  add(key: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
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
    this.run(
      key,
      batch.map((p) => p.item),
    ).then(
      (results) => batch.forEach((p, i) => p.resolve(results[i] as R)),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  }
}
