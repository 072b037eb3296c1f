import { runProviderContractSuite } from '@mq/test-suite';
import { afterAll } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import { REDIS_CAPABILITIES } from '../src/redis-capabilities.js';
import { groupKeys } from './support/group-keys.js';
import { rawCounts } from './support/raw-counts.js';
import { storedValues } from './support/stored-values.js';
import { rawClient, standaloneUrl } from './support/test-redis.js';

const backDoor = rawClient();
afterAll(async () => void (await backDoor.quit()));

runProviderContractSuite('redis (standalone)', {
  // Each test gets its own key prefix; a peer created with the same namespace shares the store.
  createProvider: ({ clock, namespace }) => createRedisProvider({ url: standaloneUrl(), prefix: namespace, clock }),
  capabilities: REDIS_CAPABILITIES,
  idempotencyWindow: true,
  inspect: (provider, queueName) => rawCounts(backDoor, provider, queueName),
  storedValues: (provider) => storedValues(backDoor, provider),
  inspectGroups: (provider, queueName) => groupKeys(backDoor, provider, queueName),
});
