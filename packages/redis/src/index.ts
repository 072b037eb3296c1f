export { createRedisProvider } from './create-redis-provider.js';
export type { RedisProviderOptions } from './create-redis-provider.js';
export { createRedisQueue } from './create-redis-queue.js';
export type { RedisQueueOptions } from './create-redis-queue.js';
export { RedisProvider } from './redis-provider.js';
export { queueKeys } from './queue-keys.js';
export type { QueueKeys } from './queue-keys.js';
export { ACCEPTED_REDIS_URL_FORMS, parseRedisUrl } from './redis-url.js';
export type { RedisNodeAddress, RedisTarget } from './redis-url.js';
