import type { Clock } from '@mq/core/provider';
import { Cluster, Redis } from 'ioredis';
import { inject } from 'vitest';
import { createRedisProvider } from '../../src/create-redis-provider.js';
import type { RedisProviderOptions } from '../../src/redis-provider-options.js';
import type { RedisProvider } from '../../src/redis-provider.js';

let counter = 0;

/** A key prefix no other test uses: tests share servers and are kept apart by prefix, never by FLUSHALL. */
export function uniquePrefix(label = 't'): string {
  return `${label}${process.pid}n${++counter}`;
}

export function standaloneUrl(): string {
  return `redis://127.0.0.1:${inject('redisPort')}`;
}

export function clusterUrl(): string {
  return inject('redisClusterPorts')
    .map((port) => `redis://127.0.0.1:${port}`)
    .join(',');
}

/** A provider on the standalone test server (or the cluster), with its own prefix. */
export function testProvider(options: Partial<RedisProviderOptions> & { cluster?: boolean; clock?: Clock } = {}): RedisProvider {
  const { cluster, ...rest } = options;
  const base = rest.client === undefined ? { url: cluster === true ? clusterUrl() : standaloneUrl() } : {};
  return createRedisProvider({ prefix: uniquePrefix(), ...base, ...rest });
}

/** A plain ioredis client for reading keys directly (the back door). Close it with quit(). */
export function rawClient(cluster = false): Redis | Cluster {
  if (cluster) return new Cluster(inject('redisClusterPorts').map((port) => ({ host: '127.0.0.1', port })));
  return new Redis({ host: '127.0.0.1', port: inject('redisPort') });
}
