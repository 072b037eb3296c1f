import type { DeduplicatedRecord, EnqueueRecord, EnqueueResult } from '@mq/core/provider';
import { RememberedIds } from './remembered-ids.js';

/** Hashes ids with IdIndex.hash (a queue's state, which keeps the last hash for its own lookup next). */
export interface IdHasher {
  hashOf(id: string): number;
}

/**
 * The idempotency windows of the queues of one in-memory provider (docs/deduplication.md): per
 * queue with a window, the ids that left it within the window (RememberedIds). Empty while no
 * queue has a window, and then the provider asks nothing (size 0).
 */
export class IdempotencyMemory {
  private readonly queues = new Map<string, RememberedIds>();

  get size(): number {
    return this.queues.size;
  }

  /** Sets the window of `queueName` (0: off, forgetting its ids); a new length starts empty. */
  setWindow(queueName: string, windowMs: number): void {
    if (windowMs === 0) this.queues.delete(queueName);
    else if (this.queues.get(queueName)?.windowMs !== windowMs) this.queues.set(queueName, new RememberedIds(windowMs));
  }

  /** The window of each queue that has one (a snapshot writes them, the replay of a log sets them). */
  windows(): IterableIterator<[string, RememberedIds]> {
    return this.queues.entries();
  }

  /** The ids of `queueName`, with the window set first (a log or snapshot being read). */
  ring(queueName: string, windowMs: number): RememberedIds | undefined {
    this.setWindow(queueName, windowMs);
    return this.queues.get(queueName);
  }

  /** The window of `queueName` in ms, 0 for none. */
  windowOf(queueName: string): number {
    return this.queues.get(queueName)?.windowMs ?? 0;
  }

  /** Ids remembered for `queueName` now (tests, memory reports). */
  count(queueName: string, now: number): number {
    return this.queues.get(queueName)?.size(now) ?? 0;
  }

  /** `ids` left `queueName` at `now`. */
  remember(queueName: string, ids: readonly string[], now: number): void {
    const ring = this.queues.get(queueName);
    if (ring !== undefined) for (const id of ids) ring.remember(id, now);
  }

  /** The id of an acked record left `queueName` at `now` (no array per ack); `hash` is its IdIndex.hash. */
  rememberOne(queueName: string, id: string, now: number, hash: number): void {
    this.queues.get(queueName)?.remember(id, now, hash);
  }

  /** The queue was deleted: its ids are forgotten (its window stays). */
  forget(queueName: string): void {
    this.queues.get(queueName)?.clear();
  }

  /**
   * The positions of the records of an enqueue whose id is remembered, or undefined for none (the
   * usual case: nothing is allocated).
   */
  hits(queueName: string, records: readonly EnqueueRecord[], now: number, ids: IdHasher): Set<number> | undefined {
    const ring = this.queues.get(queueName);
    if (ring === undefined) return undefined;
    let hits: Set<number> | undefined;
    for (let index = 0; index < records.length; index++) {
      const { id } = records[index] as EnqueueRecord;
      if (ring.has(id, now, ids.hashOf(id))) (hits ??= new Set()).add(index);
    }
    return hits;
  }
}

/**
 * Enqueues the records of a call that are not in `hits` with `enqueue`, and reports those in `hits`
 * as deduplicated by id; the indices of the rest's report are mapped back to the call's.
 */
export async function enqueueRemembered(
  records: readonly EnqueueRecord[],
  hits: ReadonlySet<number>,
  enqueue: (rest: readonly EnqueueRecord[]) => Promise<EnqueueResult>,
): Promise<EnqueueResult> {
  const positions: number[] = [];
  records.forEach((_, index) => hits.has(index) || positions.push(index));
  const result = positions.length === 0 ? { duplicateIds: [] } : await enqueue(positions.map((i) => records[i] as EnqueueRecord));
  if (result.duplicateIds.length > 0) return result;
  const deduplicated: DeduplicatedRecord[] = [...hits].map((index) => ({ index, existingId: (records[index] as EnqueueRecord).id, replaced: false, byId: true }));
  for (const entry of result.deduplicated ?? []) deduplicated.push({ ...entry, index: positions[entry.index] as number });
  deduplicated.sort((a, b) => a.index - b.index);
  return { duplicateIds: [], deduplicated };
}
