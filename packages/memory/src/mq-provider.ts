import type { ProviderFactory, ProviderFactoryInput, QueueProvider } from '@mq/core/provider';
import { InMemoryProvider } from './in-memory-provider.js';
import { refusePersistence } from './memory-persistence.js';

/**
 * The in-memory provider for createMessageQueue(): MESSAGE_QUEUE_PROVIDER=memory (the default).
 * providerOptions: `{ persistence? }` (refused until it is built); keys of other providers are
 * ignored, so one providerOptions object can serve whichever provider the environment names.
 */
export const mqProvider: ProviderFactory = Object.freeze({
  name: 'memory',
  packageName: '@mq/memory',
  installHint: 'npm install @mq/memory',
  env: Object.freeze([
    Object.freeze({ name: 'MQ_MEMORY_DIR', description: 'A folder to keep the records in across restarts. Not supported yet: setting it fails with MQ_UNSUPPORTED.' }),
  ]),
  create({ env, clock, options }: ProviderFactoryInput): QueueProvider {
    const dir = env.MQ_MEMORY_DIR?.trim();
    if (dir) refusePersistence({ dir }, 'MQ_MEMORY_DIR');
    if (options.persistence !== undefined) refusePersistence(options.persistence, 'providerOptions.persistence');
    return new InMemoryProvider(clock === undefined ? {} : { clock });
  },
});
