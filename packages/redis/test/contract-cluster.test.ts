import { runProviderContractSuite } from '@mq/test-suite';
import { afterAll } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import { REDIS_CAPABILITIES } from '../src/redis-capabilities.js';
import { groupKeys } from './support/group-keys.js';
import { rawCounts } from './support/raw-counts.js';
import { storedValues } from './support/stored-values.js';
import { clusterUrl, rawClient } from './support/test-redis.js';

const backDoor = rawClient(true);
afterAll(async () => void (await backDoor.quit()));

runProviderContractSuite('redis (cluster)', {
  // REDIS_URL with three comma-separated nodes: Redis Cluster. Every key of a queue shares one slot.
  createProvider: ({ clock, namespace }) => createRedisProvider({ url: clusterUrl(), prefix: namespace, clock }),
  capabilities: REDIS_CAPABILITIES,
  idempotencyWindow: true,
  inspect: (provider, queueName) => rawCounts(backDoor, provider, queueName),
  storedValues: (provider) => storedValues(backDoor, provider),
  inspectGroups: (provider, queueName) => groupKeys(backDoor, provider, queueName),
});
