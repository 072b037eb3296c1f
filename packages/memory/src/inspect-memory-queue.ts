import { ValidationError } from '@mq/core/provider';
import { queueStatesOf } from './queue-states.js';

/** A queue's records as the store holds them, counted from its data structures (not through doCount). */
export interface MemoryQueueCounts {
  /** Ready or delayed. */
  readonly waiting: number;
  /** Under a lease (expired leases not yet reclaimed included). */
  readonly leased: number;
  readonly dead: number;
}

/**
 * The back door for tests that check the store itself: counts of `queueName` read straight from
 * an in-memory provider's data structures (also one made by createLimitedProvider()), or
 * undefined when the provider holds no such queue (never used, or deleted).
 */
export function inspectMemoryQueue(provider: object, queueName: string): MemoryQueueCounts | undefined {
  const queues = queueStatesOf(provider);
  if (queues === undefined) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', 'inspectMemoryQueue() reads providers of @mq/memory only (InMemoryProvider, createLimitedProvider()).', { field: 'provider' });
  }
  return queues.get(queueName)?.rawCounts();
}

/** The back door for groups: what the store keeps for the groups of `queueName`, named ([] when nothing). */
export function inspectMemoryGroups(provider: object, queueName: string): string[] {
  const queues = queueStatesOf(provider);
  if (queues === undefined) throw new ValidationError('MQ_INVALID_ARGUMENT', 'inspectMemoryGroups() reads providers of @mq/memory only.', { field: 'provider' });
  return queues.get(queueName)?.groups.tracked() ?? [];
}
