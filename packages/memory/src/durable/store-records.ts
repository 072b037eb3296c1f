import type { EnqueueRecord, EnqueueResult } from '@mq/core/provider';
import type { DedupKeys } from '../dedup-keys.js';
import { enqueueDeduplicated } from '../enqueue-deduplicated.js';
import { STORED } from '../in-memory-provider.js';
import type { DurableQueueState } from './durable-queue-state.js';

/**
 * The durable provider's enqueue into one queue, as the plain provider's: refused whole when an id
 * is stored or dead (duplicateIds), else stored in call order, through the deduplicating enqueue
 * when a record carries a key. `log(now, keyed)` then encodes the operation: `keyed` when a record
 * carries a key or a group (ENQUEUE_KEYED), so a plain enqueue keeps its short frame (ENQUEUE).
 */
export function storeRecords(
  queue: DurableQueueState,
  keysOf: () => DedupKeys,
  records: readonly EnqueueRecord[],
  now: number,
  log: (now: number, keyed: boolean) => void,
): EnqueueResult {
  const checkDead = queue.dead.size > 0;
  let duplicateIds: string[] | undefined;
  let keyed = false;
  let grouped = false;
  for (const record of records) {
    if (queue.has(record.id) || (checkDead && queue.dead.has(record.id))) (duplicateIds ??= []).push(record.id);
    if (record.deduplication !== undefined) keyed = true;
    if (record.groupId !== undefined) grouped = true;
  }
  if (duplicateIds !== undefined) return { duplicateIds };
  let result = STORED;
  if (keyed) result = enqueueDeduplicated(queue, keysOf(), records, now);
  else for (const record of records) queue.add(record, now);
  log(now, keyed || grouped);
  return result;
}
