/** Where a stored record is (the values of RecordSlots.state). */
export const SLOT_FREE = 0;
export const SLOT_READY = 1;
export const SLOT_DELAYED = 2;
export const SLOT_LEASED = 3;

const MIN_CAPACITY = 64;

/**
 * The records of one queue as columns indexed by slot number: numbers in typed arrays, strings in
 * plain arrays. A stored message costs its id and data strings and no object of its own, so a
 * million waiting messages give the garbage collector two million strings to keep, not five
 * million objects to trace and copy. Freed slots are reused (last freed, first reused).
 */
export class RecordSlots {
  ids: (string | undefined)[] = [];
  data: (string | undefined)[] = [];
  /** Token of the current lease; '' when not leased. */
  tokens: string[] = [];
  lastErrors: (string | undefined)[] = [];
  state = new Uint8Array(MIN_CAPACITY);
  priority = new Uint8Array(MIN_CAPACITY);
  attempts = new Int32Array(MIN_CAPACITY);
  /** IdIndex.hash of the id (to remove it from the index without hashing it again). */
  idHash = new Int32Array(MIN_CAPACITY);
  /** Counts the leases of a slot, so a lease lane can tell its mark from a later lease's. */
  leaseGeneration = new Int32Array(MIN_CAPACITY);
  availableAt = new Float64Array(MIN_CAPACITY);
  /** Enqueue order, for FIFO among equal due times. */
  seq = new Float64Array(MIN_CAPACITY);
  leaseExpiresAt = new Float64Array(MIN_CAPACITY);
  /** Length of the current lease (names its lease lane). */
  leaseMs = new Float64Array(MIN_CAPACITY);
  private freeSlots = new Int32Array(MIN_CAPACITY);
  private freeCount = 0;
  private used = 0;

  /** Slots ever handed out and not given back by reset(). */
  get capacity(): number {
    return this.used;
  }

  alloc(id: string, data: string, priority: number, attempts: number): number {
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount] as number;
      this.ids[slot] = id;
      this.data[slot] = data;
    } else {
      slot = this.used++;
      if (slot === this.state.length) this.grow(slot * 2);
      this.ids.push(id);
      this.data.push(data);
      this.tokens.push('');
      this.lastErrors.push(undefined);
    }
    this.priority[slot] = priority;
    this.attempts[slot] = attempts;
    return slot;
  }

  free(slot: number): void {
    this.ids[slot] = undefined;
    this.data[slot] = undefined;
    this.tokens[slot] = '';
    this.lastErrors[slot] = undefined;
    this.state[slot] = SLOT_FREE;
    if (this.freeCount === this.freeSlots.length) this.freeSlots = copyOf(this.freeSlots, this.freeSlots.length * 2);
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(capacity: number): void {
    this.state = copyOf(this.state, capacity);
    this.priority = copyOf(this.priority, capacity);
    this.attempts = copyOf(this.attempts, capacity);
    this.idHash = copyOf(this.idHash, capacity);
    this.leaseGeneration = copyOf(this.leaseGeneration, capacity);
    this.availableAt = copyOf(this.availableAt, capacity);
    this.seq = copyOf(this.seq, capacity);
    this.leaseExpiresAt = copyOf(this.leaseExpiresAt, capacity);
    this.leaseMs = copyOf(this.leaseMs, capacity);
  }
}

type NumberArray = Uint8Array | Int32Array | Float64Array;

function copyOf<A extends NumberArray>(array: A, length: number): A {
  const next = new (array.constructor as new (length: number) => A)(length);
  next.set(array);
  return next;
}
