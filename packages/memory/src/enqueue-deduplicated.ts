import type { DeduplicatedRecord, EnqueueRecord, EnqueueResult } from '@mq/core/provider';
import { parkRecord, releaseParked } from './debounce-parking.js';
import type { DedupKeys } from './dedup-keys.js';
import type { MemoryQueueState } from './memory-queue-state.js';

/**
 * Stores records of which some carry a deduplication key (docs/deduplication.md), in call order,
 * so a key taken by an earlier record of the call holds for the later ones. The caller checked the
 * ids first; nothing here can fail, so the call is all or nothing as every memory enqueue is.
 * A key's hold follows the mode of the record that took it:
 * - 'until-settled', 'ttl': a record meeting the hold is dropped; the holder stands.
 * - 'debounce': a record meeting the hold replaces its waiting record, taking its place as a new
 *   record due after its own delayMs. The waiting record is the one held back behind the holder
 *   if there is one, else the holder itself when it waits (ready, delayed or retrying). With none
 *   waiting (the holder is in flight) the record is stored held back behind it (debounce-parking.ts):
 *   at most one in flight and one waiting per key.
 */
export function enqueueDeduplicated(queue: MemoryQueueState, keys: DedupKeys, records: readonly EnqueueRecord[], now: number): EnqueueResult {
  for (const parked of keys.sweep(now)) releaseParked(queue, parked, now);
  const deduplicated: DeduplicatedRecord[] = [];
  records.forEach((record, index) => {
    const spec = record.deduplication;
    const hold = spec === undefined ? undefined : keys.held(spec.key, now);
    if (spec === undefined || hold === undefined) {
      queue.add(record, now);
      if (spec !== undefined) keys.hold(spec, record.id, now);
      return;
    }
    if (hold.mode !== 'debounce') {
      deduplicated.push({ index, existingId: hold.ids[0] as string, replaced: false });
      return;
    }
    const waiting = hold.parked?.record.id ?? hold.ids.find((id) => queue.has(id) && queue.leasedSlot(id) < 0);
    if (waiting !== undefined && waiting !== hold.parked?.record.id) {
      // The holder itself waits: the new record replaces it and holds the key.
      queue.add(record, now);
      if (queue.cancel(waiting)) {
        keys.replace(spec, waiting, record.id);
        deduplicated.push({ index, existingId: waiting, replaced: true });
      } else keys.join(spec, record.id);
      return;
    }
    // Behind a holder in flight (or retrying): held back, in place of the one held back before.
    if (waiting !== undefined) queue.cancel(waiting);
    keys.park(spec, parkRecord(queue, record, now));
    if (waiting !== undefined) deduplicated.push({ index, existingId: waiting, replaced: true });
  });
  return { duplicateIds: [], deduplicated };
}
