/** Buckets a window is cut into: an id is remembered for at least the window and at most window + window / BUCKETS. */
export const BUCKETS = 8;

/**
 * The ids that left one queue within its idempotency window (docs/deduplication.md), as a ring of
 * Sets, one per time bucket of window / BUCKETS ms: an id joins the bucket of now; a bucket is
 * dropped whole once its newest possible id is older than the window. No timer or entry per id
 * beyond its place in one Set; at most BUCKETS + 1 Sets are alive.
 */
export class RememberedIds {
  private readonly width: number;
  /** Bucket number (floor(time / width)) → its ids, oldest bucket first. */
  private readonly buckets = new Map<number, Set<string>>();
  private newest: Set<string> | undefined;
  private newestEpoch = -1;

  constructor(readonly windowMs: number) {
    this.width = Math.max(1, Math.ceil(windowMs / BUCKETS));
  }

  /** Ids remembered now (after dropping due buckets), for tests and memory reports. */
  size(now: number): number {
    this.expire(now);
    let size = 0;
    for (const ids of this.buckets.values()) size += ids.size;
    return size;
  }

  remember(id: string, now: number): void {
    const epoch = Math.floor(now / this.width);
    if (this.newest === undefined || epoch !== this.newestEpoch) {
      this.expire(now);
      this.newest = this.buckets.get(epoch);
      if (this.newest === undefined) {
        this.newest = new Set();
        this.buckets.set(epoch, this.newest);
      }
      this.newestEpoch = epoch;
    }
    this.newest.add(id);
  }

  has(id: string, now: number): boolean {
    this.expire(now);
    for (const ids of this.buckets.values()) if (ids.has(id)) return true;
    return false;
  }

  /** The buckets (number, ids), oldest first, for a snapshot (durable provider). */
  image(): [number, string[]][] {
    return [...this.buckets].map(([epoch, ids]) => [epoch, [...ids]]);
  }

  /** Puts back a bucket of image() (call oldest first). */
  restoreBucket(epoch: number, ids: readonly string[]): void {
    this.buckets.set(epoch, new Set(ids));
    this.newest = undefined;
  }

  /** Forgets every id (the queue was deleted). */
  clear(): void {
    this.buckets.clear();
    this.newest = undefined;
    this.newestEpoch = -1;
  }

  /** Drops the buckets whose every id left more than windowMs before `now`. */
  private expire(now: number): void {
    for (const [epoch, ids] of this.buckets) {
      if ((epoch + 1) * this.width + this.windowMs > now) return;
      this.buckets.delete(epoch);
      if (ids === this.newest) this.newest = undefined;
    }
  }
}
