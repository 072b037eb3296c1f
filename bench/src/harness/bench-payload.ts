/** The one payload every contender carries: about 100 bytes of JSON. */
export interface BenchPayload {
  readonly seq: number;
  /** When the producer sent it (epoch ms, fractional), for latency cases; 0 otherwise. */
  readonly sentAt: number;
  readonly userId: string;
  readonly text: string;
}

const TEXT = 'hello from the benchmark, a short chat line';

export function benchPayload(seq: number, sentAt = 0): BenchPayload {
  return { seq, sentAt, userId: 'user-000042', text: TEXT };
}

/** Epoch milliseconds with sub-millisecond precision. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
