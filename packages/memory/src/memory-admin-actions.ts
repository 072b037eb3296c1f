import type { ActionOutcome } from '@mq/core/provider';
import type { DedupKeys } from './dedup-keys.js';
import type { MemoryQueueState } from './memory-queue-state.js';
import { deadRecordDetails, slotRecord, type DetailedRecord } from './memory-record-details.js';
import { settleKey } from './debounce-parking.js';
import { AVAILABLE_AT, SLOT_DELAYED, SLOT_READY } from './record-slots.js';

/**
 * What the admin seams do to one in-memory queue (doGetRecord, doDeleteRecords, doPromoteRecords,
 * doSetPriority), shared by the plain provider, the durable one and the replay of its log, so all
 * three do exactly the same. Each first moves due delayed records and expired leases (settle at
 * `now`), so a record is judged in the state a list at that instant shows; outcomes are in the
 * order of `ids`. A queue that does not exist (undefined) holds none of them, and is not made.
 */

const NONE = (ids: readonly string[]): ActionOutcome[] => ids.map(() => 'not_found');

/** `act` on the slot of each of `ids` that is stored (ready, delayed or leased); a dead one is wrong_state, any other not_found. */
function actOnStored(queue: MemoryQueueState | undefined, ids: readonly string[], now: number, act: (queue: MemoryQueueState, slot: number) => ActionOutcome): ActionOutcome[] {
  if (queue === undefined) return NONE(ids);
  queue.settle(now);
  return ids.map((id) => {
    const slot = queue.slotOf(id);
    if (slot < 0) return queue.dead.has(id) ? 'wrong_state' : 'not_found';
    return act(queue, slot);
  });
}

/** Record `id` in any state with its details, or null. */
export function getMemoryRecord(queue: MemoryQueueState | undefined, id: string, now: number): DetailedRecord | null {
  if (queue === undefined) return null;
  queue.settle(now);
  const slot = queue.slotOf(id);
  if (slot >= 0) return slotRecord(queue, slot);
  const dead = queue.dead.get(id);
  return dead === undefined ? null : deadRecordDetails(queue, dead);
}

/**
 * Removes ready, delayed and dead records; a leased one is wrong_state (its holder settles it).
 * A removed record no longer holds its deduplication key. `deleted` lists the ids removed.
 */
export function deleteMemoryRecords(queue: MemoryQueueState | undefined, ids: readonly string[], keys: DedupKeys | undefined, now: number): { outcomes: ActionOutcome[]; deleted: string[] } {
  if (queue === undefined) return { outcomes: NONE(ids), deleted: [] };
  queue.settle(now);
  const deleted: string[] = [];
  const outcomes = ids.map((id): ActionOutcome => {
    const slot = queue.slotOf(id);
    if (slot >= 0) {
      if (!queue.deleteWaiting(slot)) return 'wrong_state';
      // A debounce record held back behind this one is due at its own time now (debounce-parking.ts).
      settleKey(queue, keys, id, false, now);
    } else if (queue.dead.delete(id)) {
      queue.groups.revived(id);
      keys?.forget(id);
    } else {
      return 'not_found';
    }
    deleted.push(id);
    return 'done';
  });
  return { outcomes, deleted };
}

/** Makes delayed records ready at `now`, at the back of their priority (FIFO: as if enqueued now); others (and a held-back debounce record) are wrong_state. */
export function promoteMemoryRecords(queue: MemoryQueueState | undefined, ids: readonly string[], now: number): ActionOutcome[] {
  return actOnStored(queue, ids, now, (queue, slot) => {
    const { slots } = queue.storage;
    // A debounce record held back behind an in-flight holder (due at Infinity) stays held back.
    if (slots.state(slot) !== SLOT_DELAYED || slots.nums[slots.at(slot, AVAILABLE_AT)] === Infinity || !queue.unschedule(slot)) return 'wrong_state';
    slots.nums[slots.at(slot, AVAILABLE_AT)] = now;
    queue.reschedule(slot, now);
    return 'done';
  });
}

/**
 * Sets the priority of ready and delayed records; others are wrong_state. A ready record whose
 * priority changes moves to the back of its new level (FIFO there: as if enqueued now); one whose
 * priority stays keeps its place; a delayed record keeps its due time.
 */
export function setMemoryPriority(queue: MemoryQueueState | undefined, ids: readonly string[], priority: number, now: number): ActionOutcome[] {
  return actOnStored(queue, ids, now, (queue, slot) => {
    const { slots } = queue.storage;
    const state = slots.state(slot);
    if (state !== SLOT_READY && state !== SLOT_DELAYED) return 'wrong_state';
    if (slots.priority(slot) === priority) return 'done';
    if (state === SLOT_DELAYED) {
      // The heap orders by due time and sequence only: the priority changes in place.
      slots.setPriority(slot, priority);
      return 'done';
    }
    queue.unschedule(slot);
    slots.setPriority(slot, priority);
    queue.reschedule(slot, now);
    return 'done';
  });
}
