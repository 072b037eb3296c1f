import type { QueueProvider } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { runProviderContractSuite } from '@mq/test-suite';

runProviderContractSuite('memory', {
  createProvider: ({ clock }) => new InMemoryProvider({ clock }),
  // Back door: counts read from the provider's own data structures, not through doCount().
  inspect: (provider: QueueProvider, queueName: string) => {
    const state = (provider as InMemoryProvider).inspect(queueName);
    return Promise.resolve(state === undefined ? { waiting: 0, leased: 0, dead: 0 } : state.rawCounts());
  },
});
