import { ValidationError, type ProviderFactory } from '@mq/core/provider';
import { createRedisProvider } from './create-redis-provider.js';
import { REDIS_PROVIDER_OPTION_NAMES, type RedisProviderOptions } from './redis-provider-options.js';
import { DEFAULT_REDIS_URL, redisUrlFromEnv } from './redis-url.js';

/** Options the factory takes (createMessageQueue({ providerOptions })); the clock comes from the queue. */
const FACTORY_OPTION_NAMES: readonly string[] = REDIS_PROVIDER_OPTION_NAMES.filter((name) => name !== 'clock');

/**
 * The registry entry of @mq/redis: createMessageQueue() finds it by MESSAGE_QUEUE_PROVIDER=redis.
 * The URL is options.url, else REDIS_URL, else redis://localhost:6379 (with options.client, none).
 */
export const mqProvider: ProviderFactory = {
  name: 'redis',
  packageName: '@mq/redis',
  installHint: 'npm install @mq/redis ioredis',
  env: [{ name: 'REDIS_URL', description: 'Where Redis runs: redis://host:6379, rediss://…, or a comma-separated list of Redis Cluster nodes.', default: DEFAULT_REDIS_URL }],
  create({ env, clock, options }) {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new ValidationError('MQ_INVALID_CONFIG', 'providerOptions for redis must be an object, e.g. { url, prefix }.', { field: 'options' });
    }
    for (const name of Object.keys(options)) {
      if (!FACTORY_OPTION_NAMES.includes(name)) {
        throw new ValidationError('MQ_INVALID_CONFIG', `Unknown providerOptions.${name} for redis; allowed: ${FACTORY_OPTION_NAMES.join(', ')}.`, {
          field: name,
          allowed: FACTORY_OPTION_NAMES,
        });
      }
    }
    const given = options as RedisProviderOptions;
    const url = given.url ?? (given.client === undefined ? redisUrlFromEnv(env) : undefined);
    return createRedisProvider({ ...given, ...(url === undefined ? {} : { url }), ...(clock === undefined ? {} : { clock }) });
  },
};
