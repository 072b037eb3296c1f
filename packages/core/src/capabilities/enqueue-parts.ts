import type { EnqueueRecord, EnqueueResult } from '../provider/queue-provider.js';

/**
 * Sends the parts of one enqueue one after another, in order, and gathers their duplicates. A
 * part refused for a duplicate id does not stop the rest: as the batch is not atomic anyway,
 * every part that can be stored is (see NonAtomicBatches for what the caller is told).
 */
export async function enqueueParts(parts: readonly (readonly EnqueueRecord[])[], send: (part: readonly EnqueueRecord[]) => Promise<EnqueueResult>): Promise<EnqueueResult> {
  let duplicateIds: string[] | undefined;
  for (const part of parts) {
    const result = await send(part);
    if (result.duplicateIds.length > 0) (duplicateIds ??= []).push(...result.duplicateIds);
  }
  return { duplicateIds: duplicateIds ?? [] };
}
