/** What a lane needs to know of a leased record. */
export interface Leasable {
  readonly id: string;
  leaseExpiresAt: number;
}

/**
 * Leased records in one insertion-ordered map per lease length. Records of one lane are leased
 * for the same time, so in take order they expire in order: the first of each lane is the next to
 * expire, and an ack is a plain delete (no stale marks pile up as in a heap of expiries).
 */
export class LeaseLanes<T extends Leasable> {
  private readonly lanes = new Map<number, Map<string, T>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(entry: T, leaseMs: number): void {
    let lane = this.lanes.get(leaseMs);
    if (lane === undefined) {
      lane = new Map();
      this.lanes.set(leaseMs, lane);
    }
    lane.set(entry.id, entry);
    this.count++;
  }

  delete(entry: T, leaseMs: number): void {
    if (this.lanes.get(leaseMs)?.delete(entry.id) === true) this.count--;
  }

  /** Removes and returns every record whose lease ended before `now`. */
  takeExpired(now: number): T[] {
    const expired: T[] = [];
    if (this.count === 0) return expired;
    for (const lane of this.lanes.values()) {
      const start = expired.length;
      for (const entry of lane.values()) {
        if (entry.leaseExpiresAt >= now) break;
        expired.push(entry);
      }
      for (let i = start; i < expired.length; i++) lane.delete((expired[i] as T).id);
    }
    this.count -= expired.length;
    return expired;
  }

  /** The earliest lease expiry, if any record is leased. */
  nextExpiry(): number | undefined {
    let next: number | undefined;
    if (this.count === 0) return next;
    for (const lane of this.lanes.values()) {
      for (const entry of lane.values()) {
        if (next === undefined || entry.leaseExpiresAt < next) next = entry.leaseExpiresAt;
        break;
      }
    }
    return next;
  }

  clear(): void {
    this.lanes.clear();
    this.count = 0;
  }
}
