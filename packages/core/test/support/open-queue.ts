import { ManualClock, MessageQueue, type MessageQueueOptions } from '@mq/core';
import { InMemoryProvider } from '@mq/memory';
import { wrapProvider, type WrappedProvider } from './wrapped-provider.js';

export interface OpenQueue extends WrappedProvider {
  readonly queue: MessageQueue;
  readonly clock: ManualClock;
  readonly inner: InMemoryProvider;
  /** Errors the queue reported on its 'error' event. */
  readonly errors: Error[];
}

/** A connected queue on the in-memory provider, declaring `binaryData` as asked and recording what it stores. */
export async function openQueue(options: Omit<MessageQueueOptions, 'provider' | 'clock'> & { binaryData?: boolean; inner?: InMemoryProvider; clock?: ManualClock } = {}): Promise<OpenQueue> {
  const { binaryData = true, inner: given, clock: givenClock, ...rest } = options;
  const clock = givenClock ?? new ManualClock(1_700_000_000_000);
  const inner = given ?? new InMemoryProvider({ clock });
  const wrapped = wrapProvider(inner, { binaryData });
  const queue = new MessageQueue({ ...rest, provider: wrapped.provider, clock });
  const errors: Error[] = [];
  queue.on('error', (error) => errors.push(error));
  await queue.connect();
  return { ...wrapped, queue, clock, inner, errors };
}
