import type { ReadyPeek, TakenRecord, TakeOptions } from '../provider/queue-provider.js';

/** What a take across partitions needs of the store: a peek and a take of one store queue. */
export interface PartitionStores {
  readonly names: readonly string[];
  peek(storeQueue: string): Promise<ReadyPeek>;
  take(storeQueue: string, options: TakeOptions): Promise<TakenRecord[]>;
}

/** A record taken from partition `partition`. */
export interface PartitionTaken {
  readonly partition: number;
  readonly record: TakenRecord;
}

/**
 * One take of a partitioned queue. Every partition is peeked at once (doPeekReady, read-only);
 * the partitions with something to take are visited best first: highest priority, then in turn
 * from a random partition (so consumers spread over the partitions and none is always last). From
 * each it takes at most the records ready at the level it peeked (one where the level is not known
 * yet: due records a take must move first), until it has `max`. Records below a partition's top
 * level are left for the next take, which peeks again: so a take never hands out a record of a
 * lower level while another partition's peek showed a higher one.
 *
 * Priority inversions (a record taken while a higher one waited in another partition) come from
 * races only: a record enqueued or released after the peek, another consumer taking between
 * the peek and the take, or due records of a low priority moved by a take first. Each is bounded
 * by one take of one consumer (docs/scaling.md, "Priority across partitions"; measured by
 * packages/redis/test/partition-priority.test.ts).
 *
 * Without a peek answer above 0 it takes nothing, except that a blocking take (options.waitMs)
 * then waits on one partition, chosen at random.
 */
export async function takeAcrossPartitions(stores: PartitionStores, options: TakeOptions, random: () => number): Promise<PartitionTaken[]> {
  const { waitMs, signal, ...take } = options;
  const n = stores.names.length;
  const start = Math.floor(random() * n) % n;
  const peeks = await Promise.all(stores.names.map((name) => stores.peek(name)));
  const order = peeks
    .map((peek, partition) => ({ peek, partition, turn: (partition - start + n) % n }))
    .filter((entry) => entry.peek.priority > 0)
    .sort((a, b) => b.peek.priority - a.peek.priority || a.turn - b.turn);
  const taken: PartitionTaken[] = [];
  for (const { peek, partition } of order) {
    const room = options.max - taken.length;
    if (room <= 0) break;
    const max = Math.min(room, peek.priority > 10 ? 1 : Math.max(1, peek.count));
    for (const record of await stores.take(stores.names[partition] as string, { ...take, max })) taken.push({ partition, record });
  }
  if (taken.length === 0 && waitMs !== undefined && waitMs > 0) {
    const partition = start;
    const waited = await stores.take(stores.names[partition] as string, { ...take, waitMs, ...(signal === undefined ? {} : { signal }) });
    return waited.map((record) => ({ partition, record }));
  }
  // Highest first across the partitions (a stable sort: each partition's own order stays).
  return taken.sort((a, b) => b.record.priority - a.record.priority);
}
