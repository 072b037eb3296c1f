import { MessageQueue, type MessageQueueOptions, type PayloadMap } from '@mq/core';
import { createRedisProvider, type RedisProviderOptions } from './create-redis-provider.js';

export type RedisQueueOptions = Omit<MessageQueueOptions, 'provider'> &
  Omit<RedisProviderOptions, 'clock'> & {
    /** Where REDIS_URL is read when neither url nor client is given; default process.env. */
    env?: Readonly<Record<string, string | undefined>>;
  };

/**
 * A queue on Redis: url (default REDIS_URL, else redis://localhost:6379) or your own client.
 * Call connect() before use.
 */
export function createRedisQueue<M extends PayloadMap = PayloadMap>(options: RedisQueueOptions = {}): MessageQueue<M> {
  const { url, client, prefix, connectTimeoutMs, commandTimeoutMs, recheckIntervalMs, redisOptions, waitForReplicas, env = process.env, ...queueOptions } = options;
  const providerOptions: RedisProviderOptions = {
    ...(client === undefined ? { url: url ?? (env.REDIS_URL?.trim() || 'redis://localhost:6379') } : { client }),
    ...(url !== undefined && client !== undefined ? { url } : {}),
    ...(prefix === undefined ? {} : { prefix }),
    ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
    ...(commandTimeoutMs === undefined ? {} : { commandTimeoutMs }),
    ...(recheckIntervalMs === undefined ? {} : { recheckIntervalMs }),
    ...(redisOptions === undefined ? {} : { redisOptions }),
    ...(waitForReplicas === undefined ? {} : { waitForReplicas }),
    ...(queueOptions.clock === undefined ? {} : { clock: queueOptions.clock }),
  };
  return new MessageQueue<M>({ ...queueOptions, provider: createRedisProvider(providerOptions) });
}
