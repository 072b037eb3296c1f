import { createMessageQueue, type MessageQueue } from '@mq/core';
import { usageError } from './cli-error.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The queue createMessageQueue() would open from the same variables (MESSAGE_QUEUE_PROVIDER,
 * REDIS_URL; --redis-url wins). On memory MQ_MEMORY_DIR is required: without it this process
 * would only see its own, empty memory.
 */
export async function openQueue(env: Env, redisUrl: string | undefined): Promise<MessageQueue> {
  // The core resolves and checks the provider's name; the CLI only adds what a second process needs.
  const queue = createMessageQueue({ env, ...(redisUrl === undefined ? {} : { providerOptions: { url: redisUrl } }) });
  if (queue.providerName === 'memory' && !env.MQ_MEMORY_DIR?.trim()) {
    throw usageError('MESSAGE_QUEUE_PROVIDER is memory (the default) but MQ_MEMORY_DIR is not set: the CLI runs in its own process, so it can only read a persistent in-memory store. Set MQ_MEMORY_DIR to the folder of the (stopped) app, or use MESSAGE_QUEUE_PROVIDER=redis with REDIS_URL.');
  }
  await queue.connect();
  return queue;
}
