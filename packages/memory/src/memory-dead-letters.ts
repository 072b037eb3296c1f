import type { DedupKeys } from './dedup-keys.js';
import type { MemoryQueueState } from './memory-queue-state.js';

/** Puts dead letters of `queue` (all, or those of `ids`) back in line; a dead letter whose deduplication key another message holds now stays dead (docs/deduplication.md). Returns the ids revived. */
export function replayMemoryDeadLetters(queue: MemoryQueueState, ids: readonly string[] | undefined, keys: DedupKeys | undefined, now: number): string[] {
  const dead = ids === undefined ? [...queue.dead.values()] : ids.flatMap((id) => queue.dead.get(id) ?? []);
  const records = keys === undefined ? dead : dead.filter((record) => keys.revive(record.id, now));
  for (const record of records) queue.revive(record, now);
  return records.map((r) => r.id);
}

/**
 * Removes dead letters of `queue` (all, or those of `ids`): their deduplication keys are forgotten
 * and their groups' bookkeeping updated. Returns the ids removed, for the idempotency window.
 */
export function purgeMemoryDeadLetters(queue: MemoryQueueState, ids: readonly string[] | undefined, keys: DedupKeys | undefined): string[] {
  const { dead, groups } = queue;
  if (ids === undefined) {
    const purged = [...dead.keys()];
    for (const id of purged) keys?.forget(id);
    dead.clear();
    groups.deadPurged();
    return purged;
  }
  const purged: string[] = [];
  for (const id of ids) {
    if (!dead.delete(id)) continue;
    groups.revived(id);
    keys?.forget(id);
    purged.push(id);
  }
  return purged;
}
