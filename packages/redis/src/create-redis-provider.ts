import { ValidationError, type Clock } from '@mq/core/provider';
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { createIoredisClient, IoredisConnection } from './ioredis-connection.js';
import { validateKeyPrefix } from './queue-keys.js';
import { RedisProvider } from './redis-provider.js';
import { parseRedisUrl } from './redis-url.js';

export interface RedisProviderOptions {
  /** REDIS_URL: redis://host:6379, rediss://…, redis://:password@host:6379/2, or a comma list (Cluster). */
  url?: string;
  /** Your own ioredis client (Redis or Cluster) instead of a URL; it stays yours and is never closed. */
  client?: Redis | Cluster;
  /** Key prefix, so several apps can share one Redis; default "mq". */
  prefix?: string;
  /** Judge delays and leases by this clock instead of the Redis server's (tests with a ManualClock). */
  clock?: Clock;
  /** Bound for connecting; default 5000 ms. */
  connectTimeoutMs?: number;
  /** Bound for every Redis call; default 5000 ms. */
  commandTimeoutMs?: number;
  /** How often an idle consumer re-checks its queue in case a notification was lost; default 10000 ms. */
  recheckIntervalMs?: number;
  /** More ioredis options for the client created from `url` (e.g. TLS certificates). */
  redisOptions?: Partial<RedisOptions>;
}

/** The Redis provider for createMessageQueue({ provider }) or new MessageQueue({ provider }). */
export function createRedisProvider(options: RedisProviderOptions): RedisProvider {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'createRedisProvider() takes an options object: { url } or { client }.', { field: 'options' });
  }
  const hasUrl = options.url !== undefined;
  const hasClient = options.client !== undefined && options.client !== null;
  if (hasUrl === hasClient) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'createRedisProvider() needs exactly one of { url } (a REDIS_URL) or { client } (an ioredis client).', {
      field: 'url',
    });
  }
  const settings = {
    connectTimeoutMs: positive(options.connectTimeoutMs, 5000, 'connectTimeoutMs'),
    commandTimeoutMs: positive(options.commandTimeoutMs, 5000, 'commandTimeoutMs'),
    ...(options.redisOptions === undefined ? {} : { redisOptions: options.redisOptions }),
  };
  const connection = hasClient
    ? new IoredisConnection(options.client as Redis | Cluster, false, settings)
    : new IoredisConnection(createIoredisClient(parseRedisUrl(options.url), settings), true, settings);
  return new RedisProvider({
    connection,
    prefix: validateKeyPrefix(options.prefix ?? 'mq'),
    clock: options.clock,
    recheckIntervalMs: positive(options.recheckIntervalMs, 10_000, 'recheckIntervalMs'),
    healthCheckTimeoutMs: Math.min(settings.commandTimeoutMs, 2000),
    commandTimeoutMs: settings.commandTimeoutMs,
  });
}

function positive(value: unknown, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValidationError('MQ_INVALID_CONFIG', `Invalid ${field}: use a whole number of milliseconds >= 1.`, { field });
  }
  return value;
}
