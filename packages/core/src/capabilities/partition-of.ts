import type { EnqueueRecord } from '../provider/queue-provider.js';

/**
 * The partition (0 to partitions - 1) that stores a record of a partitioned queue: the one of its
 * groupId, so a group keeps its FIFO order and its groupConcurrency in one store queue; else the
 * one of its deduplication key, so a key is held in one place; else the one of its id. FNV-1a of
 * the UTF-16 code units: the same in every process and version (changing it would move groups).
 */
export function partitionOf(record: Pick<EnqueueRecord, 'id' | 'groupId' | 'deduplication'>, partitions: number): number {
  if (partitions <= 1) return 0;
  const routeBy = record.groupId !== undefined ? `g${record.groupId}` : record.deduplication !== undefined ? `k${record.deduplication.key}` : `i${record.id}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < routeBy.length; i++) {
    hash ^= routeBy.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
