/** Buckets a window is cut into: an id is remembered for at least the window and at most window + window / BUCKETS. */
export const BUCKETS = 8;

/** One time bucket: its number (floor(time / width)) and the ids that joined it. */
interface Bucket {
  readonly epoch: number;
  readonly ids: Set<string>;
}

/**
 * The ids that left one queue within its idempotency window (docs/deduplication.md), as a ring of
 * Sets, one per time bucket of window / BUCKETS ms: an id joins the bucket of now; a bucket is
 * dropped whole once its newest possible id is older than the window (checked when a bucket
 * starts: no timer, no entry per id beyond its place in one Set). The ids are kept exactly (no
 * digest, so no false positive can drop a new message). At most BUCKETS + 1 Sets are alive.
 *
 * Cheap on purpose, since the window is on by default: the buckets are a plain array walked by
 * index (no iterator or entry array per check, as Map iteration made), and a check judges each
 * bucket by the time rather than dropping due ones first. A Map id → bucket (one lookup instead
 * of one per live bucket) measured slower in the in-memory round trip (0.80–0.86 × off against
 * 0.89–0.91 × for the Sets; docs/deduplication.md): its entries and the per-bucket id arrays it
 * needs to drop a bucket cost more than the extra lookups.
 */
export class RememberedIds {
  private readonly width: number;
  /** Live buckets, oldest first. */
  private readonly buckets: Bucket[] = [];
  /** The bucket ids join now (the last of buckets), or undefined before the first id. */
  private newest: Bucket | undefined;

  constructor(readonly windowMs: number) {
    this.width = Math.max(1, Math.ceil(windowMs / BUCKETS));
  }

  /** Ids remembered now (after dropping due buckets), for tests and memory reports. */
  size(now: number): number {
    this.expire(now);
    let size = 0;
    for (const bucket of this.buckets) size += bucket.ids.size;
    return size;
  }

  remember(id: string, now: number): void {
    const epoch = Math.floor(now / this.width);
    let newest = this.newest;
    if (newest === undefined || newest.epoch !== epoch) {
      // Due buckets are dropped when a new one starts: one kept up to a width longer than needed
      // costs memory only (has() judges each bucket by the time).
      this.expire(now);
      newest = this.buckets.find((bucket) => bucket.epoch === epoch);
      if (newest === undefined) {
        newest = { epoch, ids: new Set() };
        this.buckets.push(newest);
      }
      this.newest = newest;
    }
    newest.ids.add(id);
  }

  has(id: string, now: number): boolean {
    const { buckets } = this;
    for (let i = buckets.length - 1; i >= 0; i--) {
      const bucket = buckets[i] as Bucket;
      if (bucket.ids.has(id)) return this.live(bucket.epoch, now);
    }
    return false;
  }

  /** The buckets (number, ids), oldest first, for a snapshot (durable provider). */
  image(): [number, string[]][] {
    return this.buckets.map(({ epoch, ids }) => [epoch, [...ids]]);
  }

  /** Puts back a bucket of image() (call oldest first: the buckets stay oldest first). */
  restoreBucket(epoch: number, ids: readonly string[]): void {
    const at = this.buckets.findIndex((bucket) => bucket.epoch === epoch);
    const bucket = { epoch, ids: new Set(ids) };
    if (at >= 0) this.buckets[at] = bucket;
    else this.buckets.push(bucket);
    this.newest = undefined;
  }

  /** Forgets every id (the queue was deleted). */
  clear(): void {
    this.buckets.length = 0;
    this.newest = undefined;
  }

  /** A bucket is live while its newest possible id left less than windowMs before `now`. */
  private live(epoch: number, now: number): boolean {
    return (epoch + 1) * this.width + this.windowMs > now;
  }

  /** Drops the buckets whose every id left more than windowMs before `now`. */
  private expire(now: number): void {
    while (this.buckets.length > 0 && !this.live((this.buckets[0] as Bucket).epoch, now)) {
      if (this.buckets.shift() === this.newest) this.newest = undefined;
    }
  }
}
