import { IdIndex, type SlotIds } from './id-index.js';

/** Buckets a window is cut into: an id is remembered for at least the window and at most window + window / BUCKETS. */
export const BUCKETS = 8;

const MIN_CAPACITY = 16;
/** A ring this large that empties starts again at MIN_CAPACITY. */
const SHRINK_ABOVE = 4096;

/**
 * The ids that left one queue within its idempotency window (docs/deduplication.md). Time is cut
 * into buckets of window / BUCKETS ms: an id is stamped with the bucket of the time it left and is
 * remembered while that bucket's newest possible id left less than the window ago.
 *
 * Kept as a ring in arrival order (id, bucket, hash per entry) with an IdIndex over it: a check is
 * one probe of the index, remembering one id is one probe and one entry at the ring's end, and the
 * ids past the window are dropped from the ring's front (checked at each remember: no timer). The
 * ids are kept exactly (no digest, so no false positive can drop a new message). This replaced a
 * ring of Sets (one per bucket), whose growth and rehashing cost about a tenth of the in-memory
 * round trip (the window is on by default). An id remembered again moves to the end: its old
 * entry stays as a hole until the front reaches it.
 */
export class RememberedIds implements SlotIds {
  private readonly width: number;
  private ids: (string | undefined)[] = new Array<string | undefined>(MIN_CAPACITY);
  private epochs = new Float64Array(MIN_CAPACITY);
  private hashes = new Int32Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  /** Ring position of the oldest entry, and entries in the ring (holes included). */
  private head = 0;
  private count = 0;
  /** Entries whose id was remembered again later (their id is undefined). */
  private holes = 0;
  private index = new IdIndex(MIN_CAPACITY * 2);

  constructor(readonly windowMs: number) {
    this.width = Math.max(1, Math.ceil(windowMs / BUCKETS));
  }

  /** The id in ring position `slot` (SlotIds, for the index). */
  id(slot: number): string | undefined {
    return this.ids[slot];
  }

  /** Ids remembered now (after dropping those past the window), for tests and memory reports. */
  size(now: number): number {
    this.expire(now);
    return this.count - this.holes;
  }

  remember(id: string, now: number): void {
    this.expire(now);
    this.stamp(id, Math.floor(now / this.width));
  }

  has(id: string, now: number): boolean {
    const slot = this.index.get(id, IdIndex.hash(id), this);
    return slot >= 0 && this.live(this.epochs[slot] as number, now);
  }

  /** The buckets (number, ids), oldest first, for a snapshot (durable provider). */
  image(): [number, string[]][] {
    const buckets: [number, string[]][] = [];
    let last: [number, string[]] | undefined;
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) & this.mask;
      const id = this.ids[slot];
      if (id === undefined) continue;
      const epoch = this.epochs[slot] as number;
      if (last === undefined || last[0] !== epoch) buckets.push((last = [epoch, []]));
      last[1].push(id);
    }
    return buckets;
  }

  /** Puts back a bucket of image() (call oldest first). */
  restoreBucket(epoch: number, ids: readonly string[]): void {
    for (const id of ids) this.stamp(id, epoch);
  }

  /** Forgets every id (the queue was deleted). */
  clear(): void {
    this.ids = new Array<string | undefined>(MIN_CAPACITY);
    this.epochs = new Float64Array(MIN_CAPACITY);
    this.hashes = new Int32Array(MIN_CAPACITY);
    this.mask = MIN_CAPACITY - 1;
    this.head = 0;
    this.count = 0;
    this.holes = 0;
    this.index = new IdIndex(MIN_CAPACITY * 2);
  }

  /** Adds `id` at the ring's end in bucket `epoch` (an id already there moves: its old entry becomes a hole). */
  private stamp(id: string, epoch: number): void {
    const hash = IdIndex.hash(id);
    const old = this.index.get(id, hash, this);
    if (old >= 0) {
      if (this.epochs[old] === epoch) return;
      this.index.delete(hash, old);
      this.ids[old] = undefined;
      this.holes++;
    }
    if (this.count > this.mask) this.grow();
    const slot = (this.head + this.count) & this.mask;
    this.ids[slot] = id;
    this.epochs[slot] = epoch;
    this.hashes[slot] = hash;
    this.index.add(hash, slot);
    this.count++;
  }

  /** A bucket is live while its newest possible id left less than windowMs before `now`. */
  private live(epoch: number, now: number): boolean {
    return (epoch + 1) * this.width + this.windowMs > now;
  }

  /** Drops the entries at the front whose bucket is past the window. */
  private expire(now: number): void {
    while (this.count > 0) {
      const slot = this.head;
      if (this.live(this.epochs[slot] as number, now)) return;
      const id = this.ids[slot];
      if (id === undefined) this.holes--;
      else {
        this.index.delete(this.hashes[slot] as number, slot);
        this.ids[slot] = undefined;
      }
      this.head = (slot + 1) & this.mask;
      this.count--;
    }
    // Empty after a burst: start again small (gives the memory back).
    if (this.mask >= SHRINK_ABOVE) this.clear();
  }

  /** Doubles the ring, its entries moved to the front in order, and rebuilds the index over them. */
  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const ids = new Array<string | undefined>(capacity);
    const epochs = new Float64Array(capacity);
    const hashes = new Int32Array(capacity);
    // Sized for a full ring at half load: it never resizes itself.
    const index = new IdIndex(capacity * 2);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & this.mask;
      const id = this.ids[from];
      ids[i] = id;
      epochs[i] = this.epochs[from] as number;
      hashes[i] = this.hashes[from] as number;
      if (id !== undefined) index.add(hashes[i] as number, i);
    }
    this.ids = ids;
    this.epochs = epochs;
    this.hashes = hashes;
    this.mask = capacity - 1;
    this.head = 0;
    this.index = index;
  }
}
