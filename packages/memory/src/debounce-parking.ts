import type { EnqueueRecord } from '@mq/core/provider';
import type { DedupKeys, ParkedRecord } from './dedup-keys.js';
import type { MemoryQueueState } from './memory-queue-state.js';

/**
 * Debounce behind an in-flight holder (docs/deduplication.md): the new record is stored "held
 * back", as a delayed record due at Infinity, so its id is taken, it counts as delayed, purge
 * removes it, and no take hands it out (nextDueAt() skips Infinity, so no timer waits for it).
 * When the holder settles (ack or dead letter; a retry keeps holding) or the hold ends, it is put
 * back with its own due time (enqueue time + delayMs), and takes the key.
 */
export function parkRecord(queue: MemoryQueueState, record: EnqueueRecord, now: number): ParkedRecord {
  queue.add({ ...record, delayMs: Infinity }, now);
  return { record, dueAt: now + record.delayMs };
}

/** Makes a held-back record takeable at its own due time. */
export function releaseParked(queue: MemoryQueueState, parked: ParkedRecord, now: number): void {
  if (queue.cancel(parked.record.id)) queue.add({ ...parked.record, delayMs: Math.max(0, parked.dueAt - now) }, now);
}

/** Record `id` settled (DedupKeys.settled); releases the record held back behind it. True when one was (wake the consumers). */
export function settleKey(queue: MemoryQueueState, keys: DedupKeys | undefined, id: string, dead: boolean, now: number): boolean {
  const parked = keys?.settled(id, dead);
  if (parked === undefined) return false;
  releaseParked(queue, parked, now);
  return true;
}
