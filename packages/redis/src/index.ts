export type { ConnectFailureReason } from './connect-failure.js';
export { createRedisProvider } from './create-redis-provider.js';
export type { RedisProviderOptions } from './redis-provider-options.js';
export { createRedisQueue } from './create-redis-queue.js';
export type { RedisQueueOptions } from './create-redis-queue.js';
export { mqProvider } from './mq-provider.js';
// A type only: made by createRedisProvider() (its constructor takes this package's internals).
export type { RedisProvider } from './redis-provider.js';
export type { WaitForReplicas } from './replica-confirmer.js';
// Public so an app can check a REDIS_URL in its own configuration step and show the accepted forms.
export { ACCEPTED_REDIS_URL_FORMS, parseRedisUrl } from './redis-url.js';
export type { RedisNodeAddress, RedisTarget } from './redis-url.js';
// Key names (queueKeys, QueueKeys) and the back door of tests: @mq/redis/testing.
