import type { RecordData } from '@mq/core/provider';

/** Where a stored record is (see RecordSlots.state). */
export const SLOT_FREE = 0;
export const SLOT_READY = 1;
export const SLOT_DELAYED = 2;
export const SLOT_LEASED = 3;

/** Numbers per slot in RecordSlots.nums, and the offset of each (one 64-byte cache line per slot). */
const NUMS = 8;
export const AVAILABLE_AT = 0;
/** Enqueue order, for FIFO among equal due times. */
export const SEQ = 1;
export const LEASE_EXPIRES_AT = 2;
/** Length of the current lease (names its lease lane). */
export const LEASE_MS = 3;
/** IdIndex.hash of the id (to remove it from the index without hashing it again). */
export const ID_HASH = 4;
/** Counts the leases of a slot, so a lease lane can tell its mark from a later lease's. */
export const LEASE_GENERATION = 5;
export const ATTEMPTS = 6;
/** state * 16 + priority. */
const KIND = 7;

/** References per slot in RecordSlots.refs (strings, and one number that is rarely set), and the offset of each. */
const REFS = 5;
const ID = 0;
const DATA = 1;
/** Token of the current lease; '' when not leased. */
const TOKEN = 2;
const LAST_ERROR = 3;
/** When the last error was stored (a number, or undefined): for the admin API's details. */
const LAST_ERROR_AT = 4;

const MIN_SLOTS = 64;

/**
 * The records of one queue, by slot number: a slot's numbers side by side in one Float64Array
 * (`nums[slot * 8 + field]`) and its strings side by side in one array, so a take or an ack reads
 * about two cache lines per record, and a stored message costs its id and data strings and no
 * object of its own (a million waiting messages give the garbage collector two million strings to
 * keep, not five million objects to trace and copy). Freed slots are reused, last freed first.
 */
export class RecordSlots {
  nums = new Float64Array(MIN_SLOTS * NUMS);
  private readonly refs: (RecordData | number | undefined)[] = [];
  private freeSlots = new Int32Array(MIN_SLOTS);
  private freeCount = 0;
  private used = 0;

  /** Slots ever handed out. */
  get capacity(): number {
    return this.used;
  }

  alloc(id: string, data: RecordData, priority: number): number {
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount] as number;
      this.refs[slot * REFS + ID] = id;
      this.refs[slot * REFS + DATA] = data;
    } else {
      slot = this.used++;
      if ((slot + 1) * NUMS > this.nums.length) {
        const nums = new Float64Array(this.nums.length * 2);
        nums.set(this.nums);
        this.nums = nums;
      }
      const at = slot * REFS;
      const refs = this.refs;
      refs[at + ID] = id;
      refs[at + DATA] = data;
      refs[at + TOKEN] = '';
      refs[at + LAST_ERROR] = undefined;
      refs[at + LAST_ERROR_AT] = undefined;
    }
    const base = slot * NUMS;
    this.nums[base + KIND] = priority;
    this.nums[base + ATTEMPTS] = 0;
    return slot;
  }

  free(slot: number): void {
    const at = slot * REFS;
    this.refs[at + ID] = undefined;
    this.refs[at + DATA] = undefined;
    this.refs[at + TOKEN] = '';
    this.refs[at + LAST_ERROR] = undefined;
    this.refs[at + LAST_ERROR_AT] = undefined;
    this.setState(slot, SLOT_FREE);
    if (this.freeCount === this.freeSlots.length) {
      const free = new Int32Array(this.freeSlots.length * 2);
      free.set(this.freeSlots);
      this.freeSlots = free;
    }
    this.freeSlots[this.freeCount++] = slot;
  }

  /** Where field `field` of `slot` is in nums. */
  at(slot: number, field: number): number {
    return slot * NUMS + field;
  }

  state(slot: number): number {
    return (this.nums[slot * NUMS + KIND] as number) >> 4;
  }

  setState(slot: number, state: number): void {
    const i = slot * NUMS + KIND;
    this.nums[i] = state * 16 + ((this.nums[i] as number) & 15);
  }

  priority(slot: number): number {
    return (this.nums[slot * NUMS + KIND] as number) & 15;
  }

  setPriority(slot: number, priority: number): void {
    const i = slot * NUMS + KIND;
    this.nums[i] = ((this.nums[i] as number) & ~15) + priority;
  }

  /** The ids of every record in a slot. */
  ids(): string[] {
    const ids: string[] = [];
    for (let slot = 0; slot < this.used; slot++) {
      const id = this.refs[slot * REFS + ID] as string | undefined;
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  id(slot: number): string | undefined {
    return this.refs[slot * REFS + ID] as string | undefined;
  }

  data(slot: number): RecordData {
    return this.refs[slot * REFS + DATA] as RecordData;
  }

  setData(slot: number, data: RecordData): void {
    this.refs[slot * REFS + DATA] = data;
  }

  token(slot: number): string {
    return this.refs[slot * REFS + TOKEN] as string;
  }

  setToken(slot: number, token: string): void {
    this.refs[slot * REFS + TOKEN] = token;
  }

  lastError(slot: number): string | undefined {
    return this.refs[slot * REFS + LAST_ERROR] as string | undefined;
  }

  /** When the last error was stored, if known. */
  lastErrorAt(slot: number): number | undefined {
    return this.refs[slot * REFS + LAST_ERROR_AT] as number | undefined;
  }

  setLastError(slot: number, lastError: string, at: number | undefined): void {
    this.refs[slot * REFS + LAST_ERROR] = lastError;
    this.refs[slot * REFS + LAST_ERROR_AT] = at;
  }
}
