import { ValidationError, type Clock } from '@mq/core/provider';
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { createIoredisClient, IoredisConnection } from './ioredis-connection.js';
import { validateKeyPrefix } from './queue-keys.js';
import { RedisProvider } from './redis-provider.js';
import { ReplicaConfirmer, type WaitForReplicas } from './replica-confirmer.js';
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
  /**
   * Every enqueue resolves only after Redis `WAIT` confirms that at least `replicas` replicas got
   * it, waiting up to `timeoutMs` (below commandTimeoutMs). Fewer acknowledgements reject with
   * MQ_PROVIDER_UNAVAILABLE: stored on the primary, may or may not survive a failover. Standalone only.
   */
  waitForReplicas?: WaitForReplicas;
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
  const waitForReplicas = validateWaitForReplicas(options.waitForReplicas, settings.commandTimeoutMs);
  const target = hasClient ? undefined : parseRedisUrl(options.url);
  if (waitForReplicas !== undefined && target?.mode === 'cluster') throw clusterRefused();
  const connection =
    target === undefined
      ? new IoredisConnection(options.client as Redis | Cluster, false, settings)
      : new IoredisConnection(createIoredisClient(target, settings), true, settings, { nodes: target.nodes, tls: target.tls, configuredBy: 'url' });
  if (waitForReplicas !== undefined && connection.isCluster) throw clusterRefused();
  return new RedisProvider({
    connection,
    prefix: validateKeyPrefix(options.prefix ?? 'mq'),
    clock: options.clock,
    recheckIntervalMs: positive(options.recheckIntervalMs, 10_000, 'recheckIntervalMs'),
    healthCheckTimeoutMs: Math.min(settings.commandTimeoutMs, 2000),
    commandTimeoutMs: settings.commandTimeoutMs,
    // WAIT gets a connection of its own, so takes and acks never queue behind it (see replica-confirmer.ts).
    replicas: waitForReplicas === undefined ? undefined : new ReplicaConfirmer(connection.createSibling(), waitForReplicas),
  });
}

function validateWaitForReplicas(value: unknown, commandTimeoutMs: number): WaitForReplicas | undefined {
  if (value === undefined) return undefined;
  const field = 'waitForReplicas';
  if (typeof value !== 'object' || value === null) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'Invalid waitForReplicas: use { replicas, timeoutMs } with whole numbers >= 1.', { field });
  }
  const { replicas, timeoutMs } = value as Record<string, unknown>;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 1) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'Invalid waitForReplicas.replicas: use a whole number of replicas >= 1.', { field: `${field}.replicas` });
  }
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs >= commandTimeoutMs) {
    throw new ValidationError(
      'MQ_INVALID_CONFIG',
      `Invalid waitForReplicas.timeoutMs: use a whole number of milliseconds >= 1 and below commandTimeoutMs (${commandTimeoutMs}); WAIT with no timeout (0) is not allowed.`,
      { field: `${field}.timeoutMs` },
    );
  }
  return { replicas, timeoutMs };
}

function clusterRefused(): ValidationError {
  return new ValidationError(
    'MQ_INVALID_CONFIG',
    'waitForReplicas works with a standalone Redis (with replicas, e.g. under Sentinel) only, not with Redis Cluster; remove it or use a standalone URL.',
    { field: 'waitForReplicas' },
  );
}

function positive(value: unknown, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValidationError('MQ_INVALID_CONFIG', `Invalid ${field}: use a whole number of milliseconds >= 1.`, { field });
  }
  return value;
}
