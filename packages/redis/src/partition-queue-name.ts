import { keySlot } from './key-slot.js';

const SLOTS = 16384;
/** Above this many partitions, partition p is simply `<queue>#p`: so many hash tags spread well by chance, and the search would cost. */
const SPREAD_LIMIT = 64;

/**
 * The store queue of partition `partition` (1 to partitions - 1) of a partitioned queue on Redis:
 * `<queue>#<j>`, so its keys carry the hash tag `{<queue>#<j>}` ('#' cannot occur in a queue name;
 * partition 0 is the queue itself, `{<queue>}`). `j` is the first number whose slot lies in a
 * window around slot(queue) + partition × 16384 / partitions (an eighth of that spacing wide):
 * the partitions' slots are evenly spread over the slot space, so on a cluster whose masters own
 * equal runs of slots (what `redis-cli --cluster create` makes) 3 partitions on 3 masters land on
 * 3 masters, whatever the queue's name. Pure: every process names the same store queues. About
 * 8 × partitions CRC16s per partition, computed once per queue and process.
 */
export function partitionQueueName(queueName: string, partition: number, partitions: number): string {
  if (partitions > SPREAD_LIMIT) return `${queueName}#${partition}`;
  const spacing = SLOTS / partitions;
  const target = (keySlot(`{${queueName}}`) + Math.round(partition * spacing)) % SLOTS;
  const halfWidth = Math.max(1, Math.floor(spacing / 16));
  for (let j = 1; ; j++) {
    const name = `${queueName}#${j}`;
    const distance = Math.abs(keySlot(`{${name}}`) - target);
    if (Math.min(distance, SLOTS - distance) <= halfWidth) return name;
  }
}

const STORE_QUEUE = /^([^#]+)#([1-9][0-9]{0,9})$/;

/** The queue a partition's store queue belongs to, or undefined for a name without '#'. */
export function partitionedQueueOf(storeQueue: string): string | undefined {
  return STORE_QUEUE.exec(storeQueue)?.[1];
}
