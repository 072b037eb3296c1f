/** The one payload every contender carries: about 100 bytes of JSON. */
export interface BenchPayload {
  readonly seq: number;
  /** When the producer sent it (epoch ms, fractional), for latency cases; 0 otherwise. */
  readonly sentAt: number;
  readonly userId: string;
  readonly text: string;
}

const TEXT = 'hello from the benchmark, a short chat line';

/** `textBytes` (issue 12's compression case): a text of about that many bytes, chat lines as JSON would carry them. */
export function benchPayload(seq: number, sentAt = 0, textBytes = 0): BenchPayload {
  return { seq, sentAt, userId: 'user-000042', text: textBytes > 0 ? longText(textBytes) : TEXT };
}

let long = '';
function longText(bytes: number): string {
  if (long.length !== bytes) {
    let text = '';
    for (let i = 0; text.length < bytes; i++) text += `${TEXT} number ${i} about topic ${i % 7}; `;
    long = text.slice(0, bytes);
  }
  return long;
}

/** Epoch milliseconds with sub-millisecond precision. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
