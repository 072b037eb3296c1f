import type { DeduplicationSpec, EnqueueRecord } from '@mq/core/provider';
import { MinHeap } from './min-heap.js';

/** A debounce record held back behind its key's holder (stored, due never, until released): the record and its own due time. */
export interface ParkedRecord {
  readonly record: EnqueueRecord;
  readonly dueAt: number;
}

/** A held deduplication key: the records holding it (oldest first; debounce: the holder, then the one held back) and when the hold ends. */
export interface KeyHold {
  readonly mode: DeduplicationSpec['mode'];
  readonly ids: string[];
  /** Epoch ms at which the hold ends whatever became of its records; Infinity: when they settle. */
  readonly expiresAt: number;
  /** Debounce: the record waiting behind the holder (ids[1]), not takeable until the holder settles. */
  parked?: ParkedRecord | undefined;
}

/**
 * The deduplication keys of one in-memory queue (docs/deduplication.md). It decides nothing: the
 * provider asks and then changes it through the mutation methods below, one per state change, so
 * a durable log (issue 14) can record each one. Held keys are in `holds`; the key of every stored
 * or dead record that holds (or held) one in an 'until-settled' or 'debounce' hold is in `keyOf`
 * (a replayed dead letter takes its key again). Holds with an end sit in a heap by that end and are
 * removed in bulk when due (sweep), so expired keys do not pile up.
 */
export class DedupKeys {
  private readonly holds = new Map<string, KeyHold>();
  private readonly keyOf = new Map<string, DeduplicationSpec>();
  private readonly expiries = new MinHeap<{ key: string; at: number }>((a, b) => a.at < b.at);

  /** The keys of queue `queueName` in `byQueue`, made at its first keyed enqueue. */
  static of(byQueue: Map<string, DedupKeys>, queueName: string): DedupKeys {
    let keys = byQueue.get(queueName);
    if (keys === undefined) {
      keys = new DedupKeys();
      byQueue.set(queueName, keys);
    }
    return keys;
  }

  /** Keys held now (after a sweep), for tests and memory reports. */
  get size(): number {
    return this.holds.size;
  }

  /** The hold of `key`, if held and not expired at `now`. */
  held(key: string, now: number): KeyHold | undefined {
    const hold = this.holds.get(key);
    return hold === undefined || hold.expiresAt <= now ? undefined : hold;
  }

  /** The spec a stored or dead record `id` was enqueued with, if it holds a settle-bound key. */
  specOf(id: string): DeduplicationSpec | undefined {
    return this.keyOf.get(id);
  }

  /** Removes every hold whose end is due at `now`; returns the records held back by them, to release. */
  sweep(now: number): ParkedRecord[] {
    const released: ParkedRecord[] = [];
    for (let top = this.expiries.peek(); top !== undefined && top.at <= now; top = this.expiries.peek()) {
      this.expiries.pop();
      const hold = this.holds.get(top.key);
      if (hold === undefined || hold.expiresAt > now) continue;
      this.holds.delete(top.key);
      if (hold.parked !== undefined) released.push(hold.parked);
    }
    return released;
  }

  /** `id` takes `spec.key` (free now): a new hold. */
  hold(spec: DeduplicationSpec, id: string, now: number): void {
    const expiresAt = spec.ttlMs === undefined ? Infinity : now + spec.ttlMs;
    this.holds.set(spec.key, { mode: spec.mode, ids: [id], expiresAt });
    if (expiresAt !== Infinity) this.expiries.push({ key: spec.key, at: expiresAt });
    if (spec.mode !== 'ttl') this.keyOf.set(id, spec);
  }

  /** Debounce: `id` joins the hold of `spec.key` as its waiting record (the first is in flight). */
  join(spec: DeduplicationSpec, id: string): void {
    this.holds.get(spec.key)?.ids.push(id);
    this.keyOf.set(id, spec);
  }

  /**
   * Debounce: `parked.record` waits behind the holder of `spec.key` (in flight, or retrying),
   * held back until it settles; it takes the place of the record held back before, if any.
   */
  park(spec: DeduplicationSpec, parked: ParkedRecord): void {
    const hold = this.holds.get(spec.key);
    if (hold === undefined) return;
    const id = parked.record.id;
    if (hold.parked === undefined) hold.ids.push(id);
    else {
      hold.ids[hold.ids.indexOf(hold.parked.record.id)] = id;
      this.keyOf.delete(hold.parked.record.id);
    }
    hold.parked = parked;
    this.keyOf.set(id, spec);
  }

  /** Debounce: `id` replaced the waiting record `oldId` in the hold of `spec.key`. */
  replace(spec: DeduplicationSpec, oldId: string, id: string): void {
    const ids = this.holds.get(spec.key)?.ids;
    const at = ids?.indexOf(oldId) ?? -1;
    if (ids !== undefined && at >= 0) ids[at] = id;
    this.keyOf.delete(oldId);
    this.keyOf.set(id, spec);
  }

  /**
   * Record `id` completed (`dead` false) or was dead-lettered (`dead` true): it no longer holds
   * its key; a settle-bound hold with no record left ends. A dead record's spec is kept for replay.
   * Returns the record held back behind it (debounce), which holds the key now: to release.
   */
  settled(id: string, dead: boolean): ParkedRecord | undefined {
    const spec = this.keyOf.get(id);
    if (spec === undefined) return undefined;
    if (!dead) this.keyOf.delete(id);
    const hold = this.holds.get(spec.key);
    const at = hold?.ids.indexOf(id) ?? -1;
    if (hold === undefined || at < 0) return undefined;
    hold.ids.splice(at, 1);
    if (hold.ids.length === 0) this.holds.delete(spec.key);
    const parked = hold.parked;
    if (parked === undefined || parked.record.id === id) return undefined;
    hold.parked = undefined;
    return parked;
  }

  /**
   * Replay of dead letter `id`: it takes its key again (true), or, when another record holds the
   * key now, it stays dead (false). A record without a settle-bound key always may.
   */
  revive(id: string, now: number): boolean {
    const spec = this.keyOf.get(id);
    if (spec === undefined) return true;
    if (this.held(spec.key, now) !== undefined) return false;
    this.hold(spec, id, now);
    return true;
  }

  /** A dead letter `id` was purged: forget its spec. */
  forget(id: string): void {
    this.keyOf.delete(id);
  }

  /** Every hold and every record's settle-bound spec, for a snapshot (durable provider). */
  image(): { holds: [string, KeyHold][]; specs: [string, DeduplicationSpec][] } {
    return { holds: [...this.holds], specs: [...this.keyOf] };
  }

  /** Puts back what image() gave (a snapshot being read). */
  restore(holds: readonly [string, KeyHold][], specs: readonly [string, DeduplicationSpec][]): void {
    for (const [key, hold] of holds) {
      this.holds.set(key, hold);
      if (hold.expiresAt !== Infinity) this.expiries.push({ key, at: hold.expiresAt });
    }
    for (const [id, spec] of specs) this.keyOf.set(id, spec);
  }

  /** The records held back (debounce), by the key of their hold, for a snapshot (durable provider). */
  parkedImage(): [string, ParkedRecord][] {
    const out: [string, ParkedRecord][] = [];
    for (const [key, hold] of this.holds) if (hold.parked !== undefined) out.push([key, hold.parked]);
    return out;
  }

  /** Puts back a record held back in the hold of `key` (a snapshot being read, after restore()). */
  restoreParked(key: string, parked: ParkedRecord): void {
    const hold = this.holds.get(key);
    if (hold === undefined) throw new RangeError(`the snapshot holds back message ${JSON.stringify(parked.record.id)} behind key ${JSON.stringify(key)}, which is not held`);
    hold.parked = parked;
  }

  /** Purge: every hold ends; only the specs of dead letters (`isDead`) stay. */
  clear(isDead: (id: string) => boolean): void {
    this.holds.clear();
    this.expiries.clear();
    for (const id of [...this.keyOf.keys()]) if (!isDead(id)) this.keyOf.delete(id);
  }
}
