import type { QueueSettings } from '@mq/core/provider';
import { DedupKeys, type ParkedRecord } from '../dedup-keys.js';
import type { IdempotencyMemory } from '../idempotency-memory.js';
import { DurableQueueState } from './durable-queue-state.js';

/**
 * What a log and a snapshot rebuild: the queues, their deduplication keys, the idempotency windows
 * and the declared settings (the live provider's own maps at recovery, fresh ones for a
 * compaction), and, while a snapshot is read, the queue its frames belong to.
 */
export interface ReplayTarget {
  readonly queues: Map<string, DurableQueueState>;
  readonly keys: Map<string, DedupKeys>;
  readonly idempotency: IdempotencyMemory;
  readonly declared: Map<string, QueueSettings>;
  imageName?: string;
  /** The groups of the records of the snapshot queue being read (IMAGE_GROUPS comes first). */
  imageGroups?: Map<string, string>;
  /** The record held back behind the one the last ACK or DEAD settled, for the OP.UNPARK that follows. */
  unparking?: ParkedRecord | undefined;
}

export function queueOf(target: ReplayTarget, name: string): DurableQueueState {
  let queue = target.queues.get(name);
  if (queue === undefined) {
    queue = new DurableQueueState();
    target.queues.set(name, queue);
  }
  return queue;
}

/** The deduplication keys of queue `name`, made at its first keyed enqueue (as the provider's keysOf). */
export function keysOf(target: ReplayTarget, name: string): DedupKeys {
  let keys = target.keys.get(name);
  if (keys === undefined) {
    keys = new DedupKeys();
    target.keys.set(name, keys);
  }
  return keys;
}

/** Empties what a recovery fills (before it, and after a failed one). */
export function clearTarget(target: ReplayTarget): void {
  target.queues.clear();
  target.keys.clear();
  target.declared.clear();
  for (const [name] of [...target.idempotency.windows()]) target.idempotency.setWindow(name, 0);
}
