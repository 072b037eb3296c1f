/** A binary min-heap: O(log n) push and pop, O(1) peek. */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    this.items.push(item);
    this.siftUp(this.items.length - 1);
  }

  private siftUp(start: number): void {
    const items = this.items;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i] as T, items[parent] as T)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Removes `item` (compared with ===); O(n) to find it, O(log n) to restore the heap. False when absent. */
  remove(item: T): boolean {
    const items = this.items;
    const at = items.indexOf(item);
    if (at < 0) return false;
    const last = items.pop() as T;
    if (at === items.length) return true;
    items[at] = last;
    this.siftDown(at);
    this.siftUp(at);
    return true;
  }

  clear(): void {
    this.items.length = 0;
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.less(items[left] as T, items[smallest] as T)) smallest = left;
      if (right < n && this.less(items[right] as T, items[smallest] as T)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const items = this.items;
    const tmp = items[a] as T;
    items[a] = items[b] as T;
    items[b] = tmp;
  }
}
