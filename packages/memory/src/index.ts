export { createInMemoryProvider, createInMemoryQueue } from './create-in-memory-queue.js';
export type { InMemoryQueueOptions } from './create-in-memory-queue.js';
export { DurableInMemoryProvider } from './durable/durable-in-memory-provider.js';
export { InMemoryProvider } from './in-memory-provider.js';
export type { InMemoryProviderOptions } from './in-memory-provider.js';
export { DURABILITY_MODES } from './memory-persistence.js';
export type { Durability, MemoryPersistenceOptions } from './memory-persistence.js';
export { mqProvider } from './mq-provider.js';
