import type { DeduplicatedRecord, EnqueueRecord, EnqueueResult } from '../provider/queue-provider.js';
import { partitionOf } from './partition-of.js';

/** The duplicates and deduplicated records of one call, gathered over its partitions (indexes: positions in the call). */
export interface MergedResult {
  duplicateIds: string[];
  deduplicated: DeduplicatedRecord[];
}

/**
 * One enqueue of a partitioned queue: all or none when its records go to one partition (one store
 * call); else partition by partition, in order, each all or none, every part stored that can be
 * (as enqueueParts does), and the duplicates of all told (docs/scaling.md, "Batches").
 */
export async function enqueueAcrossPartitions(names: readonly string[], records: readonly EnqueueRecord[], send: (storeQueue: string, records: readonly EnqueueRecord[]) => Promise<EnqueueResult>): Promise<EnqueueResult> {
  const parts = splitByPartition(names, records);
  if (parts.size === 1) {
    const [name] = parts.keys();
    return send(name as string, records);
  }
  const merged: MergedResult = { duplicateIds: [], deduplicated: [] };
  for (const [name, part] of parts) addResult(merged, await send(name, part.records), part.indexes);
  return finish(merged);
}

/** The records of each partition, in call order, with their positions in the call. */
export function splitByPartition(names: readonly string[], records: readonly EnqueueRecord[]): Map<string, { records: EnqueueRecord[]; indexes: number[] }> {
  const parts = new Map<string, { records: EnqueueRecord[]; indexes: number[] }>();
  records.forEach((record, index) => {
    const name = names[partitionOf(record, names.length)] as string;
    let part = parts.get(name);
    if (part === undefined) parts.set(name, (part = { records: [], indexes: [] }));
    part.records.push(record);
    part.indexes.push(index);
  });
  return parts;
}

export function addResult(into: MergedResult, result: EnqueueResult, indexes: readonly number[]): void {
  into.duplicateIds.push(...result.duplicateIds);
  for (const d of result.deduplicated ?? []) into.deduplicated.push({ ...d, index: indexes[d.index] as number });
}

export function finish(merged: MergedResult): EnqueueResult {
  merged.deduplicated.sort((a, b) => a.index - b.index);
  return merged.deduplicated.length === 0 ? { duplicateIds: merged.duplicateIds } : { duplicateIds: merged.duplicateIds, deduplicated: merged.deduplicated };
}

