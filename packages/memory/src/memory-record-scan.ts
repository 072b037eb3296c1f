import type { RecordData, ScanOptions, ScanPage, ScannedRecord } from '@mq/core/provider';
import { IdIndex } from './id-index.js';
import type { MemoryQueueState } from './memory-queue-state.js';
import { deadRecordDetails, slotRecord } from './memory-record-details.js';
import { SLOT_DELAYED, SLOT_LEASED, SLOT_READY } from './record-slots.js';

const SLOT_OF_STATE = { ready: SLOT_READY, delayed: SLOT_DELAYED, processing: SLOT_LEASED } as const;

/**
 * The browse seam over one in-memory queue: records of a state in id order (code unit order), the
 * cursor being the last id returned. So a walk never returns a record twice while it stays in its
 * state, and returns every record that is in the state for the whole walk; one that enters the
 * state behind the cursor is missed. Each page sorts the state's ids: O(n log n), for admin use.
 * Every record comes with its details (capabilities.admin); 'processing' walks the leased ones.
 */
export function scanMemoryRecords(queue: MemoryQueueState, options: ScanOptions, now: number): ScanPage {
  queue.settle(now);
  const after = options.cursor;
  const found: ScannedRecord[] = [];
  if (options.state === 'dead') {
    for (const record of queue.dead.values()) if (record.id > after) found.push(plain(deadRecordDetails(queue, record)));
  } else {
    const { slots } = queue.storage;
    const wanted = SLOT_OF_STATE[options.state];
    for (let slot = 0; slot < slots.capacity; slot++) {
      const id = slots.id(slot);
      if (id !== undefined && id > after && slots.state(slot) === wanted) found.push(plain(slotRecord(queue, slot)));
    }
  }
  found.sort((a, b) => (a.id < b.id ? -1 : 1));
  const records = found.slice(0, Math.max(1, options.limit));
  return { records, nextCursor: found.length > records.length ? (records[records.length - 1] as ScannedRecord).id : '' };
}

/** A scanned record carries no state field (the walk names the state). */
function plain(record: ScannedRecord & { readonly state?: unknown }): ScannedRecord {
  const { state: _state, ...rest } = record;
  return rest;
}

/** doRewriteRecord: a waiting or dead record whose data is still `expected` gets `data`; a leased one is left alone. */
export function rewriteMemoryRecord(queue: MemoryQueueState, id: string, expected: RecordData, data: RecordData): boolean {
  const { slots, index } = queue.storage;
  const slot = index.get(id, IdIndex.hash(id), slots);
  if (slot >= 0) {
    const state = slots.state(slot);
    if ((state !== SLOT_READY && state !== SLOT_DELAYED) || !sameData(slots.data(slot), expected)) return false;
    slots.setData(slot, data);
    return true;
  }
  const dead = queue.dead.get(id);
  if (dead === undefined || !sameData(dead.data, expected)) return false;
  queue.dead.set(id, { ...dead, data });
  return true;
}

function sameData(a: RecordData, b: RecordData): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
