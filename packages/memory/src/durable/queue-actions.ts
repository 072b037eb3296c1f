import type { DurableQueueState } from './durable-queue-state.js';

/**
 * What an ack, a dead-letter, a replay or a purge of dead letters does to a queue, shared by the
 * durable provider and the replay of its log, so both do exactly the same thing.
 */
export function ackSlot(queue: DurableQueueState, slot: number, processingMs: number): void {
  queue.remove(slot);
  queue.completed++;
  queue.processingMsTotal += processingMs;
}

export function deadLetterSlot(queue: DurableQueueState, slot: number, id: string, error: string, now: number, refund: boolean): void {
  queue.dead.set(id, queue.deadRecord(slot, error, now, refund));
  queue.remove(slot);
}

/** Puts dead letters back (all when `ids` is undefined); returns the ids put back. */
export function reviveDead(queue: DurableQueueState, ids: readonly string[] | undefined, now: number): string[] {
  const records = ids === undefined ? [...queue.dead.values()] : ids.flatMap((id) => queue.dead.get(id) ?? []);
  for (const record of records) queue.revive(record, now);
  return records.map((r) => r.id);
}

/** Drops dead letters (all when `ids` is undefined); returns how many. */
export function purgeDead(queue: DurableQueueState, ids: readonly string[] | undefined): number {
  if (ids === undefined) {
    const count = queue.dead.size;
    queue.dead.clear();
    return count;
  }
  return ids.filter((id) => queue.dead.delete(id)).length;
}
