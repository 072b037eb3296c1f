/**
 * @mq/redis/testing: back-door helpers for tests that read a queue's Redis keys directly (the
 * conformance style of "check through a back door"). Not for application code: key names are an
 * implementation detail of the provider and may change between versions.
 */
import { ValidationError, type QueueProvider } from '@mq/core/provider';
import { QUEUE_KEYS_OF, type QueueKeys } from './queue-keys.js';

export { eventsChannel, queueKeys, registryKey } from './queue-keys.js';
export type { QueueKeys } from './queue-keys.js';

/** The keys of `queueName` as `provider` (made by createRedisProvider) names them, under its own prefix. */
export function redisQueueKeys(provider: QueueProvider, queueName: string): QueueKeys {
  const keysOf = (provider as Partial<Record<typeof QUEUE_KEYS_OF, (name: string) => QueueKeys>>)[QUEUE_KEYS_OF];
  if (typeof keysOf !== 'function') {
    throw new ValidationError('MQ_INVALID_ARGUMENT', 'redisQueueKeys() takes a provider made by createRedisProvider() or createRedisQueue().', { field: 'provider' });
  }
  return keysOf.call(provider, queueName);
}
