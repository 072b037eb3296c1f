import { MessageQueue, ValidationError, type MessageQueueOptions, type PayloadMap } from '@mq/core';
import { createRedisProvider } from './create-redis-provider.js';
import type { RedisProviderOptions } from './redis-provider-options.js';
import { redisUrlFromEnv } from './redis-url.js';

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
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'createRedisQueue() takes an options object or nothing.', { field: 'options' });
  }
  const { url, client, prefix, connectTimeoutMs, commandTimeoutMs, recheckIntervalMs, redisOptions, waitForReplicas, env = process.env, ...queueOptions } = options;
  if (typeof env !== 'object' || env === null) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'Invalid env: use an object of environment variables such as process.env.', { field: 'env' });
  }
  const providerOptions: RedisProviderOptions = {
    ...(client === undefined ? { url: url ?? redisUrlFromEnv(env) } : { client }),
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
