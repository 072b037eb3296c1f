import type { IntFifo } from './int-fifo.js';
import { AVAILABLE_AT, type RecordSlots } from './record-slots.js';

/**
 * The earliest availableAt among the heads of the ready buckets (one read per priority), for
 * QueueCounts.oldestReadyAgeMs. Within a bucket, records are ready in the order they became
 * available, except a reclaimed lease, which goes back to the front with availableAt = now: then
 * the age is that of the record behind it at worst, a little young, never old.
 */
export function oldestReadyAt(buckets: readonly IntFifo[], slots: RecordSlots): number {
  let oldest = Number.POSITIVE_INFINITY;
  for (const bucket of buckets) {
    if (bucket.size === 0) continue;
    const at = slots.nums[slots.at(bucket.peek(), AVAILABLE_AT)] as number;
    if (at < oldest) oldest = at;
  }
  return oldest;
}
