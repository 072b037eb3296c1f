import type { RecordData } from '@mq/core/provider';
import type { DedupKeys } from '../dedup-keys.js';
import { IdIndex } from '../id-index.js';
import type { DurableQueueState } from './durable-queue-state.js';

/**
 * What an ack, a dead-letter, a purge or a rewrite does to a queue and its deduplication keys,
 * shared by the durable provider and the replay of its log, so both do exactly the same thing.
 * (Replaying and purging dead letters share memory-dead-letters.ts with the plain provider.)
 * The ack and the dead-letter return true when the record belonged to a group.
 */
export function ackSlot(queue: DurableQueueState, keys: DedupKeys | undefined, slot: number, id: string, processingMs: number): boolean {
  const grouped = queue.remove(slot);
  keys?.settled(id, false);
  queue.completed++;
  queue.processingMsTotal += processingMs;
  return grouped;
}

export function deadLetterSlot(queue: DurableQueueState, keys: DedupKeys | undefined, slot: number, id: string, error: string, now: number, refund: boolean): boolean {
  queue.dead.set(id, queue.deadRecord(slot, error, now, refund));
  const grouped = queue.remove(slot);
  keys?.settled(id, true);
  return grouped;
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
