import { MessageQueue, type MessageQueueOptions, type PayloadMap } from '@mq/core';
import { DurableInMemoryProvider } from './durable/durable-in-memory-provider.js';
import { InMemoryProvider, type InMemoryProviderOptions } from './in-memory-provider.js';

/**
 * The in-memory provider on its own, e.g. for createMessageQueue({ provider }). With
 * `persistence: { dir, durability }` its records survive restarts (docs/persistence.md).
 */
export function createInMemoryProvider(options: InMemoryProviderOptions = {}): InMemoryProvider {
  const { persistence } = options;
  return persistence === undefined ? new InMemoryProvider(options) : new DurableInMemoryProvider({ ...options, persistence });
}

export type InMemoryQueueOptions = Omit<MessageQueueOptions, 'provider'>;

/** A queue kept in this process: no Redis needed. Call connect() before use. */
export function createInMemoryQueue<M extends PayloadMap = PayloadMap>(options: InMemoryQueueOptions = {}): MessageQueue<M> {
  const provider = createInMemoryProvider(options.clock === undefined ? {} : { clock: options.clock });
  return new MessageQueue<M>({ ...options, provider });
}
