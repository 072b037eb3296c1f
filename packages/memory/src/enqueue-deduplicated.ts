import type { DeduplicatedRecord, EnqueueRecord, EnqueueResult } from '@mq/core/provider';
import type { DedupKeys } from './dedup-keys.js';
import type { MemoryQueueState } from './memory-queue-state.js';

/**
 * Stores records of which some carry a deduplication key (docs/deduplication.md), in call order,
 * so a key taken by an earlier record of the call holds for the later ones. The caller checked the
 * ids first; nothing here can fail, so the call is all or nothing as every memory enqueue is.
 * A key's hold follows the mode of the record that took it:
 * - 'until-settled', 'ttl': a record meeting the hold is dropped; the holder stands.
 * - 'debounce': a record meeting the hold replaces its waiting record (ready or delayed), taking
 *   its place as a new record due after its own delayMs; with none waiting (the holder is in
 *   flight) it is stored and joins the hold as the waiting one.
 */
export function enqueueDeduplicated(queue: MemoryQueueState, keys: DedupKeys, records: readonly EnqueueRecord[], now: number): EnqueueResult {
  keys.sweep(now);
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
    const waiting = hold.ids.find((id) => queue.has(id) && queue.leasedSlot(id) < 0);
    queue.add(record, now);
    if (waiting !== undefined && queue.cancel(waiting)) {
      keys.replace(spec, waiting, record.id);
      deduplicated.push({ index, existingId: waiting, replaced: true });
    } else {
      keys.join(spec, record.id);
    }
  });
  return { duplicateIds: [], deduplicated };
}
