const MIN_BUCKETS = 64;

/** Where the index reads the id stored in a slot. */
export interface SlotIds {
  id(slot: number): string | undefined;
}

/**
 * Ids → slot numbers: an open-addressing hash table (linear probing, deletion by backward shift)
 * in one Int32Array of (hash, slot + 1) pairs. A lookup reads one spot of the table and compares
 * hashes before it touches an id string, so it costs about one cache miss at a million ids where a
 * Map costs several; and the table holds no pointers for the garbage collector to trace.
 */
export class IdIndex {
  private table: Int32Array;
  private mask: number;
  private count = 0;

  /** `buckets`: the starting size (a power of two), for an index whose size is known ahead. */
  constructor(buckets = MIN_BUCKETS) {
    this.table = new Int32Array(buckets * 2);
    this.mask = buckets - 1;
  }

  get size(): number {
    return this.count;
  }

  /** A 32-bit hash of `id` (FNV-1a, then a finaliser that spreads the bits). */
  static hash(id: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /** The slot of `id` (whose hash is `hash`), or -1; `slots` tells the id in a slot. */
  get(id: string, hash: number, slots: SlotIds): number {
    const table = this.table;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const stored = table[2 * i + 1] as number;
      if (stored === 0) return -1;
      if (table[2 * i] === hash && slots.id(stored - 1) === id) return stored - 1;
    }
  }

  /** Adds an id known to be absent. */
  add(hash: number, slot: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
    this.place(hash, slot);
    this.count++;
  }

  /** Removes the entry of `slot` (added with `hash`). */
  delete(hash: number, slot: number): void {
    const table = this.table;
    const mask = this.mask;
    let hole = hash & mask;
    while ((table[2 * hole + 1] as number) !== slot + 1) {
      if (table[2 * hole + 1] === 0) return;
      hole = (hole + 1) & mask;
    }
    // Backward shift: pull later entries of the probe run into the hole unless that would put
    // them before their home bucket.
    for (let next = (hole + 1) & mask; table[2 * next + 1] !== 0; next = (next + 1) & mask) {
      const home = (table[2 * next] as number) & mask;
      const between = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (between) continue;
      table[2 * hole] = table[2 * next] as number;
      table[2 * hole + 1] = table[2 * next + 1] as number;
      hole = next;
    }
    table[2 * hole] = 0;
    table[2 * hole + 1] = 0;
    this.count--;
  }

  private place(hash: number, slot: number): void {
    const table = this.table;
    let i = hash & this.mask;
    while (table[2 * i + 1] !== 0) i = (i + 1) & this.mask;
    table[2 * i] = hash;
    table[2 * i + 1] = slot + 1;
  }

  private resize(buckets: number): void {
    const old = this.table;
    this.table = new Int32Array(buckets * 2);
    this.mask = buckets - 1;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i] as number, (old[i + 1] as number) - 1);
  }
}
