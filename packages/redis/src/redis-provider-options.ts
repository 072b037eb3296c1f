import { ValidationError, type Clock } from '@mq/core/provider';
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { validateKeyPrefix } from './queue-keys.js';
import type { WaitForReplicas } from './replica-confirmer.js';

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

/** The option names, for factories that read options from configuration (mqProvider). */
export const REDIS_PROVIDER_OPTION_NAMES = [
  'url',
  'client',
  'prefix',
  'clock',
  'connectTimeoutMs',
  'commandTimeoutMs',
  'recheckIntervalMs',
  'redisOptions',
  'waitForReplicas',
] as const satisfies readonly (keyof RedisProviderOptions)[];

/** RedisProviderOptions checked, with defaults filled in. */
export interface CheckedRedisOptions {
  readonly url: string | undefined;
  readonly client: Redis | Cluster | undefined;
  readonly prefix: string;
  readonly clock: Clock | undefined;
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
  readonly recheckIntervalMs: number;
  readonly redisOptions: Partial<RedisOptions> | undefined;
  readonly waitForReplicas: WaitForReplicas | undefined;
}

/** Checks every option; a bad one throws MQ_INVALID_CONFIG naming its field and what is allowed. */
export function checkRedisProviderOptions(options: RedisProviderOptions): CheckedRedisOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalid('options', 'createRedisProvider() takes an options object: { url } or { client }.');
  }
  const hasUrl = options.url !== undefined;
  const hasClient = options.client !== undefined && options.client !== null;
  if (hasUrl === hasClient) throw invalid('url', 'createRedisProvider() needs exactly one of { url } (a REDIS_URL) or { client } (an ioredis client).');
  if (hasUrl && typeof options.url !== 'string') throw invalid('url', `Invalid url: use a REDIS_URL string, not a ${typeof options.url}.`);
  if (hasClient && !looksLikeIoredis(options.client)) {
    throw invalid('client', 'Invalid client: pass an ioredis Redis or Cluster instance (ioredis ^5.4.2 || ^6.0.0), or use { url }.');
  }
  const connectTimeoutMs = positive(options.connectTimeoutMs, 5000, 'connectTimeoutMs');
  const commandTimeoutMs = positive(options.commandTimeoutMs, 5000, 'commandTimeoutMs');
  const waitForReplicas = checkWaitForReplicas(options.waitForReplicas, commandTimeoutMs);
  const { redisOptions, clock } = options;
  if (redisOptions !== undefined && (typeof redisOptions !== 'object' || redisOptions === null || Array.isArray(redisOptions))) {
    throw invalid('redisOptions', 'Invalid redisOptions: use an object of ioredis options, e.g. { tls: { ca } }.');
  }
  if (clock !== undefined && !isClock(clock)) throw invalid('clock', 'Invalid clock: use an object with now(), setTimeout() and clearTimeout(), e.g. a ManualClock.');
  return {
    url: options.url,
    client: hasClient ? options.client : undefined,
    prefix: validateKeyPrefix(options.prefix ?? 'mq'),
    clock,
    connectTimeoutMs,
    commandTimeoutMs,
    recheckIntervalMs: positive(options.recheckIntervalMs, 10_000, 'recheckIntervalMs'),
    redisOptions,
    waitForReplicas,
  };
}

/** A Redis or Cluster of either supported ioredis major (instanceof would miss another copy of ioredis). */
function looksLikeIoredis(value: unknown): boolean {
  const client = value as { defineCommand?: unknown; duplicate?: unknown; options?: unknown } | null;
  return typeof client === 'object' && client !== null && typeof client.defineCommand === 'function' && typeof client.duplicate === 'function' && typeof client.options === 'object';
}

function isClock(value: unknown): boolean {
  const clock = value as Partial<Record<keyof Clock, unknown>> | null;
  return typeof clock === 'object' && clock !== null && typeof clock.now === 'function' && typeof clock.setTimeout === 'function' && typeof clock.clearTimeout === 'function';
}

function checkWaitForReplicas(value: unknown, commandTimeoutMs: number): WaitForReplicas | undefined {
  if (value === undefined) return undefined;
  const field = 'waitForReplicas';
  if (typeof value !== 'object' || value === null) throw invalid(field, 'Invalid waitForReplicas: use { replicas, timeoutMs } with whole numbers >= 1.');
  const { replicas, timeoutMs } = value as Record<string, unknown>;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 1) {
    throw invalid(`${field}.replicas`, 'Invalid waitForReplicas.replicas: use a whole number of replicas >= 1.');
  }
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs >= commandTimeoutMs) {
    throw invalid(
      `${field}.timeoutMs`,
      `Invalid waitForReplicas.timeoutMs: use a whole number of milliseconds >= 1 and below commandTimeoutMs (${commandTimeoutMs}); WAIT with no timeout (0) is not allowed.`,
    );
  }
  return { replicas, timeoutMs };
}

function positive(value: unknown, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw invalid(field, `Invalid ${field}: use a whole number of milliseconds >= 1.`);
  return value;
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError('MQ_INVALID_CONFIG', message, { field });
}
