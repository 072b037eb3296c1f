import { ValidationError, type ProviderFactory, type ProviderFactoryInput, type QueueProvider } from '@mq/core/provider';
import { createInMemoryProvider } from './create-in-memory-queue.js';
import { resolvePersistence } from './memory-persistence.js';

/**
 * The in-memory provider for createMessageQueue(): MESSAGE_QUEUE_PROVIDER=memory (the default).
 * providerOptions: `{ persistence? }`, else MQ_MEMORY_DIR and MQ_MEMORY_DURABILITY from the
 * environment; keys of other providers are ignored, so one providerOptions object can serve
 * whichever provider the environment names.
 */
export const mqProvider: ProviderFactory = Object.freeze({
  name: 'memory',
  packageName: '@mq/memory',
  installHint: 'npm install @mq/memory',
  env: Object.freeze([
    Object.freeze({ name: 'MQ_MEMORY_DIR', description: 'A folder to keep the records in across restarts (docs/persistence.md); unset: memory only.' }),
    Object.freeze({ name: 'MQ_MEMORY_DURABILITY', description: "With MQ_MEMORY_DIR: 'fsync', 'batch' (default) or 'none'." }),
  ]),
  create({ env, clock, options }: ProviderFactoryInput): QueueProvider {
    const base = clock === undefined ? {} : { clock };
    if (options.persistence !== undefined) {
      resolvePersistence(options.persistence, 'providerOptions.persistence');
      return createInMemoryProvider({ ...base, persistence: options.persistence as never });
    }
    const dir = env.MQ_MEMORY_DIR?.trim();
    const durability = env.MQ_MEMORY_DURABILITY?.trim();
    if (!dir) {
      if (durability) throw new ValidationError('MQ_INVALID_CONFIG', 'Invalid MQ_MEMORY_DURABILITY: it applies to a durable in-memory provider; set MQ_MEMORY_DIR to its folder too, or unset MQ_MEMORY_DURABILITY.', { field: 'MQ_MEMORY_DURABILITY' });
      return createInMemoryProvider(base);
    }
    const persistence = { dir, ...(durability ? { durability } : {}) };
    resolvePersistence(persistence, 'MQ_MEMORY_DIR');
    return createInMemoryProvider({ ...base, persistence: persistence as never });
  },
});
