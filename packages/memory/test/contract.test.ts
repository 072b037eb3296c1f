import { InMemoryProvider } from '@mq/memory';
import { inspectMemoryGroups, inspectMemoryQueue, storedMemoryRecords } from '@mq/memory/testing';
import { runProviderContractSuite } from '@mq/test-suite';

runProviderContractSuite('memory', {
  createProvider: ({ clock }) => new InMemoryProvider({ clock }),
  capabilities: new InMemoryProvider().capabilities,
  idempotencyWindow: true,
  // Back door: counts read from the provider's own data structures, not through doCount().
  inspect: (provider, queueName) => Promise.resolve(inspectMemoryQueue(provider, queueName) ?? { waiting: 0, leased: 0, dead: 0 }),
  // Back door: every stored record's data as the store holds it (bytes as latin1).
  storedValues: async (provider) => {
    const names = await provider.doListQueues();
    return names.flatMap((name) => storedMemoryRecords(provider, name).map((r) => (typeof r.data === 'string' ? r.data : Buffer.from(r.data).toString('latin1'))));
  },
  inspectGroups: (provider, queueName) => Promise.resolve(inspectMemoryGroups(provider, queueName)),
});
