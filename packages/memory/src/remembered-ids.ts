import { IdIndex, type SlotIds } from './id-index.js';

/** Buckets a window is cut into: an id is remembered for at least the window and at most window + window / BUCKETS. */
export const BUCKETS = 8;

const MIN_CAPACITY = 16;
/** A ring this large that empties starts again at MIN_CAPACITY. */
const SHRINK_ABOVE = 4096;
/** Sequence numbers wrap here (the index stores them in an Int32Array; a ring never gets this large). */
const SEQ_MASK = 0x3fffffff;

/**
 * The ids that left one queue within its idempotency window (docs/deduplication.md). Time is cut
 * into buckets of window / BUCKETS ms: an id is stamped with the bucket of the time it left and is
 * remembered while that bucket's newest possible id left less than the window ago.
 *
 * Kept as a ring in arrival order (id, bucket, hash per entry) with an IdIndex over it. The ids
 * past the window are dropped from the ring's front (checked at each remember: no timer). The ids
 * are kept exactly (no digest, so no false positive can drop a new message). This replaced a ring
 * of Sets (one per bucket), whose growth and rehashing cost about a tenth of the in-memory round
 * trip (the window is on by default).
 *
 * Remembering an id only appends it; the index catches up with the entries appended since the
 * last check when a check (or an image) next needs it. So an ack costs no probe of a large table,
 * a drain with no enqueue meanwhile (a consumer working off a backlog) indexes nothing, and ids
 * that leave the window before anyone asks are never indexed at all. Catching up finds an id
 * remembered again: its older entry becomes a hole until the front reaches it.
 *
 * The index holds each entry's sequence number (entries are numbered in arrival order, modulo
 * 2^30), and the entry sits at ring position seq & mask, so a growing ring copies its entries to
 * their new positions and leaves the index alone; the index grows by itself, walking its own table
 * in order. (Rebuilding the index in ring order at each doubling wrote it at random and cost about
 * a third of remembering a million ids.)
 */
export class RememberedIds implements SlotIds {
  private readonly width: number;
  private ids: (string | undefined)[] = new Array<string | undefined>(MIN_CAPACITY);
  private epochs = new Float64Array(MIN_CAPACITY);
  private hashes = new Int32Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  /** Sequence number of the oldest entry (its ring position is head & mask), and entries in the ring (holes included). */
  private head = 0;
  private count = 0;
  /** Entries whose id was remembered again later (their id is undefined). */
  private holes = 0;
  /** Entries at the ring's end not yet in the index (see catchUp). */
  private unindexed = 0;
  private index = new IdIndex(MIN_CAPACITY * 2);

  constructor(readonly windowMs: number) {
    this.width = Math.max(1, Math.ceil(windowMs / BUCKETS));
  }

  /** The id of entry `seq` (SlotIds, for the index, which holds sequence numbers). */
  id(seq: number): string | undefined {
    return this.ids[seq & this.mask];
  }

  /** Ids remembered now (after dropping those past the window), for tests and memory reports. */
  size(now: number): number {
    this.expire(now);
    this.catchUp();
    return this.count - this.holes;
  }

  /** `hash`: IdIndex.hash(id), when the caller has it already (a queue's record keeps its id's hash). */
  remember(id: string, now: number, hash = IdIndex.hash(id)): void {
    this.expire(now);
    this.append(id, Math.floor(now / this.width), hash);
  }

  has(id: string, now: number, hash = IdIndex.hash(id)): boolean {
    if (this.unindexed > 0) this.catchUp();
    const seq = this.index.get(id, hash, this);
    return seq >= 0 && this.live(this.epochs[seq & this.mask] as number, now);
  }

  /** The buckets (number, ids), oldest first, for a snapshot (durable provider). */
  image(): [number, string[]][] {
    this.catchUp();
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
    for (const id of ids) this.append(id, epoch, IdIndex.hash(id));
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
    this.unindexed = 0;
    this.index = new IdIndex(MIN_CAPACITY * 2);
  }

  /** Appends `id` at the ring's end in bucket `epoch`, not yet indexed. */
  private append(id: string, epoch: number, hash: number): void {
    if (this.count > this.mask) this.grow();
    const slot = (this.head + this.count) & this.mask;
    this.ids[slot] = id;
    this.epochs[slot] = epoch;
    this.hashes[slot] = hash;
    this.count++;
    this.unindexed++;
  }

  /** Indexes the entries appended since the last catch-up, in order; an id found older in the index moves to its newer entry (the older becomes a hole). */
  private catchUp(): void {
    const index = this.index;
    for (let i = this.count - this.unindexed; i < this.count; i++) {
      const seq = (this.head + i) & SEQ_MASK;
      const slot = seq & this.mask;
      const id = this.ids[slot] as string;
      const hash = this.hashes[slot] as number;
      const old = index.get(id, hash, this);
      if (old >= 0) {
        index.delete(hash, old);
        this.ids[old & this.mask] = undefined;
        this.holes++;
      }
      index.add(hash, seq);
    }
    this.unindexed = 0;
  }

  /** A bucket is live while its newest possible id left less than windowMs before `now`. */
  private live(epoch: number, now: number): boolean {
    return (epoch + 1) * this.width + this.windowMs > now;
  }

  /** Drops the entries at the front whose bucket is past the window. */
  private expire(now: number): void {
    while (this.count > 0) {
      const seq = this.head;
      const slot = seq & this.mask;
      if (this.live(this.epochs[slot] as number, now)) return;
      const id = this.ids[slot];
      if (id === undefined) this.holes--;
      else {
        // The front is indexed unless every entry is still waiting for a catch-up.
        if (this.count > this.unindexed) this.index.delete(this.hashes[slot] as number, seq);
        else this.unindexed--;
        this.ids[slot] = undefined;
      }
      this.head = (seq + 1) & SEQ_MASK;
      this.count--;
    }
    // Empty after a burst: start again small (gives the memory back).
    if (this.mask >= SHRINK_ABOVE) this.clear();
  }

  /** Doubles the ring: each entry moves to its position under the new mask (the index is unchanged). */
  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const mask = capacity - 1;
    const ids = new Array<string | undefined>(capacity);
    const epochs = new Float64Array(capacity);
    const hashes = new Int32Array(capacity);
    for (let i = 0; i < this.count; i++) {
      const seq = (this.head + i) & SEQ_MASK;
      const from = seq & this.mask;
      const to = seq & mask;
      ids[to] = this.ids[from];
      epochs[to] = this.epochs[from] as number;
      hashes[to] = this.hashes[from] as number;
    }
    this.ids = ids;
    this.epochs = epochs;
    this.hashes = hashes;
    this.mask = mask;
  }
}
