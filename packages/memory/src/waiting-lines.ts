import { FairGroups } from './fair-groups.js';
import { IdIndex } from './id-index.js';
import { IntFifo } from './int-fifo.js';
import { LeaseLanes } from './lease-lanes.js';
import { MinHeap } from './min-heap.js';
import { AVAILABLE_AT, ID_HASH, RecordSlots, SEQ, SLOT_DELAYED, SLOT_READY } from './record-slots.js';

/**
 * Where the records of one in-memory queue are kept and wait: slots (see RecordSlots), an
 * id → slot index (IdIndex), a FIFO of slots per priority (O(1); with fair groups, see
 * FairGroups), a heap of delayed slots by due time (O(log n)) and leases in take order per lease
 * length (O(1)). MemoryQueueState moves records between them; this file only puts a slot in line
 * and takes it out.
 */
export class WaitingLines {
  protected slots = new RecordSlots();
  protected index = new IdIndex();
  /** The id hashed last and its hash: an enqueue checks an id, then adds it. */
  private lastHashedId = '';
  private lastHash = IdIndex.hash('');
  protected readonly buckets = Array.from({ length: 10 }, () => new IntFifo());
  protected readyCount = 0;
  protected readonly delayed = new MinHeap<number>((a, b) => {
    const { nums } = this.slots;
    const dueA = nums[this.slots.at(a, AVAILABLE_AT)] as number;
    const dueB = nums[this.slots.at(b, AVAILABLE_AT)] as number;
    return dueA < dueB || (dueA === dueB && (nums[this.slots.at(a, SEQ)] as number) < (nums[this.slots.at(b, SEQ)] as number));
  });
  protected readonly leased = new LeaseLanes(() => this.slots);
  /** Groups of the records that have one (see FairGroups); empty for a queue without groups. */
  readonly groups = new FairGroups();
  protected seq = 0;

  /** The slots and the id index as they are now, for the scan/rewrite seam and the testing back door. */
  get storage(): { readonly slots: RecordSlots; readonly index: IdIndex } { return { slots: this.slots, index: this.index }; }

  has(id: string): boolean {
    return this.slotOf(id) >= 0;
  }

  /** The slot of record `id` (waiting or leased), or -1. */
  slotOf(id: string): number {
    return this.index.get(id, this.hashOf(id), this.slots);
  }

  /**
   * Takes waiting slot `slot` out of its line (its priority's FIFO or group, or the delayed heap);
   * it keeps its slot and id. False when it is not waiting.
   */
  unschedule(slot: number): boolean {
    const state = this.slots.state(slot);
    if (state === SLOT_DELAYED) return this.delayed.remove(slot);
    if (state !== SLOT_READY) return false;
    const p = this.slots.priority(slot) - 1;
    const bucket = this.buckets[p] as IntFifo;
    if (!(this.groups.size > 0 ? this.groups.unready(p, slot, bucket) : bucket.remove(slot))) return false;
    this.readyCount--;
    return true;
  }

  /** Puts `slot` back in line as a new arrival: a new sequence number, ready at the back of its priority if due by `now`, else delayed. */
  reschedule(slot: number, now: number): void {
    this.slots.nums[this.slots.at(slot, SEQ)] = this.seq++;
    this.schedule(slot, now);
  }

  /** Frees an unscheduled or leased-and-ended slot: out of the index, its group forgotten. */
  protected discard(slot: number): void {
    if (this.groups.size > 0) this.groups.forget(slot);
    this.index.delete(this.slots.nums[this.slots.at(slot, ID_HASH)] as number, slot);
    this.slots.free(slot);
  }

  /** IdIndex.hash of the id of the record in `slot` (kept with it). */
  idHash(slot: number): number {
    return this.slots.nums[this.slots.at(slot, ID_HASH)] as number;
  }

  /** IdIndex.hash of `id`; the last one is kept, as a check by id is usually followed by a lookup of the same id. */
  hashOf(id: string): number {
    if (this.lastHashedId !== id) {
      this.lastHash = IdIndex.hash(id);
      this.lastHashedId = id;
    }
    return this.lastHash;
  }

  protected schedule(slot: number, now: number): void {
    if ((this.slots.nums[this.slots.at(slot, AVAILABLE_AT)] as number) <= now) {
      this.makeReady(slot);
    } else {
      this.slots.setState(slot, SLOT_DELAYED);
      this.delayed.push(slot);
    }
  }

  protected makeReady(slot: number, front = false): void {
    this.slots.setState(slot, SLOT_READY);
    const p = this.slots.priority(slot) - 1;
    const bucket = this.buckets[p] as IntFifo;
    if (this.groups.size > 0) this.groups.ready(p, slot, front, bucket);
    else if (front) bucket.unshift(slot);
    else bucket.push(slot);
    this.readyCount++;
  }

  /** Empties every line and starts again with small columns. */
  protected resetLines(): void {
    this.groups.clear();
    for (const bucket of this.buckets) bucket.clear();
    this.delayed.clear();
    this.index = new IdIndex();
    this.leased.clear();
    this.slots = new RecordSlots();
    this.readyCount = 0;
  }
}
