import { MqError, ValidationError } from '@mq/core/provider';

/**
 * Seam (the persistence issue): where a durable in-memory provider will keep its records. Declared
 * so the option has its name and place; refused with MQ_UNSUPPORTED until the store is built.
 */
export interface MemoryPersistenceOptions {
  /** A folder of its own for the provider's files. */
  readonly dir: string;
  /** How often writes reach the disk; the values are fixed by the persistence issue. */
  readonly durability?: string;
}

/** Checks persistence settings, then refuses them: a durable store is not built yet. `from` names the setting in messages. */
export function refusePersistence(persistence: unknown, from = 'persistence'): never {
  const fail = (field: string, what: string): never => {
    throw new ValidationError('MQ_INVALID_CONFIG', `Invalid ${field}: ${what}.`, { field });
  };
  if (typeof persistence !== 'object' || persistence === null || Array.isArray(persistence)) fail('persistence', 'use { dir, durability? }');
  const { dir, durability } = persistence as Record<string, unknown>;
  if (typeof dir !== 'string' || dir.trim() === '') fail('persistence.dir', 'use the path of a folder');
  if (durability !== undefined && typeof durability !== 'string') fail('persistence.durability', 'use a string');
  throw new MqError('MQ_UNSUPPORTED', `${from} asks the in-memory provider to keep its records on disk, which is not yet supported: records live in this process only. Leave ${from} unset.`, {
    details: { provider: 'memory', capability: 'durable', field: from },
  });
}
