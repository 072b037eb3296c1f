import { MessageQueue, type MessageQueueOptions, type PayloadMap } from '@mq/core';
import { InMemoryProvider, type InMemoryProviderOptions } from './in-memory-provider.js';

/** The in-memory provider on its own, e.g. for createMessageQueue({ provider }). */
export function createInMemoryProvider(options: InMemoryProviderOptions = {}): InMemoryProvider {
  return new InMemoryProvider(options);
}

export type InMemoryQueueOptions = Omit<MessageQueueOptions, 'provider'>;

/** A queue kept in this process: no Redis needed. Call connect() before use. */
export function createInMemoryQueue<M extends PayloadMap = PayloadMap>(options: InMemoryQueueOptions = {}): MessageQueue<M> {
  const provider = createInMemoryProvider(options.clock === undefined ? {} : { clock: options.clock });
  return new MessageQueue<M>({ ...options, provider });
}
