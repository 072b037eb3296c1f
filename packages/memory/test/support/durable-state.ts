import type { QueueProvider, QueueSettings } from '@mq/core/provider';
import type { DedupKeys } from '../../src/dedup-keys.js';
import { DurableQueueState } from '../../src/durable/durable-queue-state.js';
import type { IdempotencyMemory } from '../../src/idempotency-memory.js';
import type { MemoryQueueState } from '../../src/memory-queue-state.js';
import { queueStatesOf } from '../../src/queue-states.js';

/** Everything a durable provider's queues hold, in order (lease tokens aside): two providers with equal states behave the same. */
export function durableStateOf(provider: QueueProvider): unknown {
  const queues = queueStatesOf(provider);
  if (queues === undefined) throw new Error('not an in-memory provider');
  return [...queues].map(([name, queue]) => {
    if (!(queue instanceof DurableQueueState)) throw new Error(`queue ${name} is not durable`);
    return { name, records: [...queue.images()], dead: [...queue.dead.values()], completed: queue.completed, processingMsTotal: queue.processingMsTotal, nextSeq: queue.nextSeq, paused: queue.paused };
  });
}

/** What the provider keeps beside its records (protected fields, read as a back door). */
interface SideState {
  readonly dedupKeys: Map<string, DedupKeys>;
  readonly idempotency: IdempotencyMemory;
  readonly declaredSettings: Map<string, QueueSettings>;
}

/**
 * durableStateOf, and what the provider keeps beside the records: deduplication keys, each
 * record's group (by id: slot numbers may differ after a snapshot) and the groups' backlog and
 * leases, the idempotency windows' ids, the declared settings.
 */
export function fullStateOf(provider: QueueProvider): unknown {
  const side = provider as unknown as SideState;
  const queues = queueStatesOf(provider) ?? new Map<string, MemoryQueueState>();
  const groups = [...queues].map(([name, queue]) => {
    const { slots } = queue.storage;
    const byId: string[] = [];
    for (let slot = 0; slot < slots.capacity; slot++) {
      const id = slots.id(slot);
      const groupId = queue.groups.groupOf(slot);
      if (id !== undefined && groupId !== undefined) byId.push(`${id}: ${groupId}`);
    }
    const leases = queue.groups.tracked().filter((line) => line.startsWith('leases of') || line.startsWith('dead letter'));
    return { name, byId: byId.sort(), leases: leases.sort(), backlog: queue.groupBacklog(1000) };
  });
  return {
    records: durableStateOf(provider),
    keys: [...side.dedupKeys].map(([name, keys]) => ({ name, ...keys.image() })),
    groups,
    windows: [...side.idempotency.windows()].map(([name, ring]) => ({ name, windowMs: ring.windowMs, buckets: ring.image() })),
    declared: [...side.declaredSettings],
  };
}
