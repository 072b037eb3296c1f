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

/** A fresh view serves this many takes at most before the partitions are peeked again. */
export const TAKES_PER_PEEK = 8;

/**
 * What one consumer knows of a partitioned queue's partitions: each one's top level and how many
 * records it holds there, as last peeked and less what this consumer took since. One per queue
 * and provider instance (PartitionedQueues).
 */
export class PartitionView {
  levels: { priority: number; count: number }[] = [];
  /** Takes left before the next peek; 0: peek first. */
  takesLeft = 0;
  /** Which partition goes first among those of the top level, turned on every take. */
  turn = 0;
}

/**
 * One take of a partitioned queue. The partitions are peeked (doPeekReady, read-only, all at once)
 * when the view is used up: after TAKES_PER_PEEK takes, when a partition's known records at its
 * top level are gone or a take got fewer than it asked for. A take visits only the partitions at
 * the highest level in view, in turn (starting from a random one at each peek, so consumers spread
 * over the partitions), taking from each at most the records it knows of there, until it has
 * `max`; lower levels wait for a later take. With one consumer and nothing enqueued meanwhile, a
 * take therefore never hands out a record below one that waits elsewhere.
 *
 * Priority inversions come from what the view cannot see: other consumers taking what was peeked
 * (the take gets fewer records, or records of a lower level, and the view is dropped), records enqueued or released
 * into another partition after the peek (seen at most TAKES_PER_PEEK takes later), and due records
 * of a low priority moved first (a partition whose peek says 11 gives one record). docs/scaling.md
 * bounds them; packages/redis/test/partitions-cluster.test.ts counts them.
 *
 * When no partition has anything, a blocking take (options.waitMs) waits on one, chosen at random.
 */
export async function takeAcrossPartitions(stores: PartitionStores, options: TakeOptions, view: PartitionView, random: () => number): Promise<PartitionTaken[]> {
  const { waitMs, signal, ...take } = options;
  const n = stores.names.length;
  if (view.takesLeft <= 0 || !view.levels.some((level) => level.priority > 0)) {
    view.levels = (await Promise.all(stores.names.map((name) => stores.peek(name)))).map((peek) => ({ ...peek }));
    view.takesLeft = TAKES_PER_PEEK;
    view.turn = Math.floor(random() * n) % n;
  }
  view.takesLeft--;
  const top = Math.max(...view.levels.map((level) => level.priority));
  const first = view.turn;
  view.turn = (view.turn + 1) % n;
  const taken: PartitionTaken[] = [];
  if (top > 0) {
    for (let k = 0; k < n && taken.length < options.max; k++) {
      const partition = (first + k) % n;
      const level = view.levels[partition] as { priority: number; count: number };
      if (level.priority !== top) continue;
      const max = Math.min(options.max - taken.length, top > 10 ? 1 : Math.max(1, level.count));
      const got = await stores.take(stores.names[partition] as string, { ...take, max });
      for (const record of got) taken.push({ partition, record });
      level.count -= got.length;
      // Its next level is unknown, or others took what was peeked (the records came from below it): peek before the next take.
      if (got.length < max || level.count <= 0 || top > 10 || got.some((record) => record.priority < top)) view.takesLeft = 0;
    }
  }
  if (taken.length === 0 && waitMs !== undefined && waitMs > 0) {
    const partition = Math.floor(random() * n) % n;
    const waited = await stores.take(stores.names[partition] as string, { ...take, waitMs, ...(signal === undefined ? {} : { signal }) });
    return waited.map((record) => ({ partition, record }));
  }
  // Highest first across the partitions (a stable sort: each partition's own order stays).
  return taken.sort((a, b) => b.record.priority - a.record.priority);
}
