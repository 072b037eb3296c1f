import type { BenchPayload } from '../harness/bench-payload.js';

export interface BaselineMessage {
  readonly id: number;
  readonly priority: number;
  readonly payload: BenchPayload;
}

/**
 * The plain in-process baseline: ten FIFO arrays, one per priority, behind the same awaited
 * enqueue / dequeue / ack calls a queue API has. No leases, ids are counters, nothing is copied.
 * Each array keeps a head index instead of calling Array.shift() (which is O(n) on big arrays).
 */
export class TenArrayBaseline {
  private readonly arrays: BaselineMessage[][] = Array.from({ length: 10 }, () => []);
  private readonly heads: number[] = new Array<number>(10).fill(0);
  private nextId = 0;

  enqueue(payload: BenchPayload, priority: number): Promise<number> {
    const id = ++this.nextId;
    (this.arrays[priority - 1] as BaselineMessage[]).push({ id, priority, payload });
    return Promise.resolve(id);
  }

  dequeue(): Promise<BaselineMessage | null> {
    for (let p = 9; p >= 0; p--) {
      const array = this.arrays[p] as BaselineMessage[];
      const head = this.heads[p] as number;
      if (head < array.length) {
        this.heads[p] = head + 1;
        return Promise.resolve(array[head] as BaselineMessage);
      }
    }
    return Promise.resolve(null);
  }

  ack(_message: BaselineMessage): Promise<void> {
    return Promise.resolve();
  }
}
