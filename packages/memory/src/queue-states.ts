import type { MemoryQueueState } from './memory-queue-state.js';

/**
 * Where an in-memory provider keeps its queues for the back door of @mq/memory/testing: a
 * property under a registered symbol (set once, not enumerable), so the public API has no
 * inspector, and a provider made by one copy of this package (say, its CommonJS build) can be
 * inspected by another (its ESM build).
 */
const QUEUE_STATES = Symbol.for('@mq/memory.queueStates');

export function exposeQueueStates(provider: object, queues: ReadonlyMap<string, MemoryQueueState>): void {
  Object.defineProperty(provider, QUEUE_STATES, { value: queues });
}

/** The queues of an in-memory provider, or undefined for any other object. */
export function queueStatesOf(provider: unknown): ReadonlyMap<string, MemoryQueueState> | undefined {
  const queues = typeof provider === 'object' && provider !== null ? (provider as Record<symbol, unknown>)[QUEUE_STATES] : undefined;
  return queues instanceof Map ? (queues as ReadonlyMap<string, MemoryQueueState>) : undefined;
}
