/** @mq/memory/testing: test helpers over the in-memory store, kept out of the package's public API. */
export { inspectMemoryGroups, inspectMemoryQueue } from './inspect-memory-queue.js';
export type { MemoryQueueCounts } from './inspect-memory-queue.js';
export { createLimitedProvider } from './create-limited-provider.js';
export type { LimitedProvider } from './limited-provider.js';
export type { LimitedProviderOptions } from './limited-provider-options.js';
export { storedMemoryRecords } from './stored-memory-records.js';
export type { StoredMemoryRecord } from './stored-memory-records.js';
