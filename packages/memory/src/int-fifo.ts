const MIN_CAPACITY = 16;

/**
 * A first-in first-out queue of small integers (slot numbers) in a ring buffer: O(1) push,
 * unshift and shift, and nothing for the garbage collector to trace.
 */
export class IntFifo {
  private buffer = new Int32Array(MIN_CAPACITY);
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.buffer.length) this.resize(this.buffer.length * 2);
    this.buffer[(this.head + this.count) & (this.buffer.length - 1)] = value;
    this.count++;
  }

  /** Puts a value at the front. */
  unshift(value: number): void {
    if (this.count === this.buffer.length) this.resize(this.buffer.length * 2);
    this.head = (this.head - 1) & (this.buffer.length - 1);
    this.buffer[this.head] = value;
    this.count++;
  }

  /** The front value, or -1 when empty (values are never negative). */
  peek(): number {
    return this.count === 0 ? -1 : (this.buffer[this.head] as number);
  }

  /** The value `offset` places behind the front (0 = front); the caller keeps offset < size. */
  at(offset: number): number {
    return this.buffer[(this.head + offset) & (this.buffer.length - 1)] as number;
  }

  /** Removes and returns the front value, or -1 when empty. */
  shift(): number {
    if (this.count === 0) return -1;
    const value = this.buffer[this.head] as number;
    this.head = (this.head + 1) & (this.buffer.length - 1);
    this.count--;
    // Give memory back after a burst: shrink when a quarter full at most.
    if (this.buffer.length > 1024 && this.count * 4 <= this.buffer.length) this.resize(this.buffer.length / 2);
    return value;
  }

  /** Removes `value` (searched from the back: the newest go there), closing the gap; false when absent. O(distance from the back). */
  remove(value: number): boolean {
    const mask = this.buffer.length - 1;
    for (let i = this.count - 1; i >= 0; i--) {
      if (this.buffer[(this.head + i) & mask] !== value) continue;
      for (let j = i; j < this.count - 1; j++) this.buffer[(this.head + j) & mask] = this.buffer[(this.head + j + 1) & mask] as number;
      this.count--;
      return true;
    }
    return false;
  }

  clear(): void {
    this.buffer = new Int32Array(MIN_CAPACITY);
    this.head = 0;
    this.count = 0;
  }

  private resize(capacity: number): void {
    const next = new Int32Array(capacity);
    const old = this.buffer;
    for (let i = 0; i < this.count; i++) next[i] = old[(this.head + i) & (old.length - 1)] as number;
    this.buffer = next;
    this.head = 0;
  }
}
