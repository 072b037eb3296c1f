import { InMemoryProvider } from '@mq/memory';
import { inspectMemoryQueue } from '@mq/memory/testing';
import { runProviderContractSuite } from '@mq/test-suite';

runProviderContractSuite('memory', {
  createProvider: ({ clock }) => new InMemoryProvider({ clock }),
  capabilities: new InMemoryProvider().capabilities,
  idempotencyWindow: true,
  // Back door: counts read from the provider's own data structures, not through doCount().
  inspect: (provider, queueName) => Promise.resolve(inspectMemoryQueue(provider, queueName) ?? { waiting: 0, leased: 0, dead: 0 }),
});
