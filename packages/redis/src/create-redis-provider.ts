import { ValidationError } from '@mq/core/provider';
import { createIoredisClient, IoredisConnection } from './ioredis-connection.js';
import { RedisProvider } from './redis-provider.js';
import { checkRedisProviderOptions, type RedisProviderOptions } from './redis-provider-options.js';
import { ReplicaConfirmer } from './replica-confirmer.js';
import { parseRedisUrl } from './redis-url.js';

/** The Redis provider for createMessageQueue({ provider }) or new MessageQueue({ provider }). */
export function createRedisProvider(options: RedisProviderOptions): RedisProvider {
  const checked = checkRedisProviderOptions(options);
  const { client, waitForReplicas, commandTimeoutMs } = checked;
  const settings = {
    connectTimeoutMs: checked.connectTimeoutMs,
    commandTimeoutMs,
    ...(checked.redisOptions === undefined ? {} : { redisOptions: checked.redisOptions }),
  };
  const target = client === undefined ? parseRedisUrl(checked.url) : undefined;
  if (waitForReplicas !== undefined && target?.mode === 'cluster') throw clusterRefused();
  const connection =
    target === undefined
      ? new IoredisConnection(client as NonNullable<typeof client>, false, settings)
      : new IoredisConnection(createIoredisClient(target, settings), true, settings, { nodes: target.nodes, tls: target.tls, configuredBy: 'url' });
  if (waitForReplicas !== undefined && connection.isCluster) throw clusterRefused();
  return new RedisProvider({
    connection,
    prefix: checked.prefix,
    clock: checked.clock,
    recheckIntervalMs: checked.recheckIntervalMs,
    healthCheckTimeoutMs: Math.min(commandTimeoutMs, 2000),
    commandTimeoutMs,
    // WAIT gets a connection of its own, so takes and acks never queue behind it (see replica-confirmer.ts).
    replicas: waitForReplicas === undefined ? undefined : new ReplicaConfirmer(connection.createSibling(), waitForReplicas),
  });
}

function clusterRefused(): ValidationError {
  return new ValidationError(
    'MQ_INVALID_CONFIG',
    'waitForReplicas works with a standalone Redis (with replicas, e.g. under Sentinel) only, not with Redis Cluster; remove it or use a standalone URL.',
    { field: 'waitForReplicas' },
  );
}
