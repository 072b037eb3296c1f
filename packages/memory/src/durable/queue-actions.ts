import type { RecordData } from '@mq/core/provider';
import { releaseParked } from '../debounce-parking.js';
import type { DedupKeys, ParkedRecord } from '../dedup-keys.js';
import { IdIndex } from '../id-index.js';
import type { DurableQueueState } from './durable-queue-state.js';

/**
 * What an ack, a dead-letter, a purge or a rewrite does to a queue and its deduplication keys,
 * shared by the durable provider and the replay of its log, so both do exactly the same thing.
 * (Replaying and purging dead letters share memory-dead-letters.ts with the plain provider.)
 */

/**
 * What an ack or a dead-letter did besides removing the record (the two functions below):
 * whether it belonged to a group,
 * and the debounce record held back behind it (debounce-parking.ts), which is still held back:
 * the provider releases it at its own now (afterSettle) and logs that as OP.UNPARK right after the
 * settle's own op, whose replay releases it at the logged now.
 */
export interface SettledSlot {
  readonly grouped: boolean;
  readonly parked: ParkedRecord | undefined;
}

export function ackSlot(queue: DurableQueueState, keys: DedupKeys | undefined, slot: number, id: string, processingMs: number): SettledSlot {
  const grouped = queue.remove(slot);
  const parked = keys?.settled(id, false);
  queue.completed++;
  queue.processingMsTotal += processingMs;
  return { grouped, parked };
}

export function deadLetterSlot(queue: DurableQueueState, keys: DedupKeys | undefined, slot: number, id: string, error: string, now: number, refund: boolean): SettledSlot {
  queue.dead.set(id, queue.deadRecord(slot, error, now, refund));
  const grouped = queue.remove(slot);
  return { grouped, parked: keys?.settled(id, true) };
}

/**
 * The live provider, once the settle is logged: releases the record held back behind the settled
 * one at `now` and logs it (`logUnpark`). True when consumers should wake: a group's lease ended,
 * or a record held back was released.
 */
export function afterSettle(queue: DurableQueueState, settled: SettledSlot, now: number, logUnpark: (id: string) => void): boolean {
  if (settled.parked === undefined) return settled.grouped;
  releaseParked(queue, settled.parked, now);
  logUnpark(settled.parked.record.id);
  return true;
}

/** Drops every waiting and leased record; their keys' holds end (dead letters keep theirs). Returns how many. */
export function purgeQueue(queue: DurableQueueState, keys: DedupKeys | undefined): number {
  keys?.clear((id) => queue.dead.has(id));
  return queue.clear();
}

/** The rewrite a scan/rewrite call made (its checks passed): the waiting or dead record `id` gets `data`. */
export function rewriteData(queue: DurableQueueState, id: string, data: RecordData): void {
  const { slots, index } = queue.storage;
  const slot = index.get(id, IdIndex.hash(id), slots);
  if (slot >= 0) {
    slots.setData(slot, data);
    return;
  }
  const dead = queue.dead.get(id);
  if (dead === undefined) throw new RangeError(`the log rewrites message ${JSON.stringify(id)}, which is not stored at that point`);
  queue.dead.set(id, { ...dead, data });
}
