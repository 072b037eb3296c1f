import * as fs from 'node:fs';
import * as path from 'node:path';
import { ValidationError } from '@mq/core/provider';
import type { Durability } from './durable/log-writer.js';

export type { Durability } from './durable/log-writer.js';

/** The durability modes, in the order of the safety they buy (docs/persistence.md). */
export const DURABILITY_MODES: readonly Durability[] = Object.freeze(['fsync', 'batch', 'none']);

/** Where a durable in-memory provider keeps its records, and how safely (docs/persistence.md). */
export interface MemoryPersistenceOptions {
  /** A folder of its own for the provider's files (created if missing). */
  readonly dir: string;
  /**
   * 'fsync': every acknowledged change is on disk before its promise resolves (calls arriving
   * together share one fsync); 'batch' (default): written at once, fsynced at least every 100 ms;
   * 'none': written, the OS syncs when it likes.
   */
  readonly durability?: Durability;
  /** Compact the log into a snapshot once it holds more than this many bytes; default 64 MiB. */
  readonly compactAfterBytes?: number;
  /** Where warnings go (a torn log tail cut at start); default process.emitWarning (type MqStoreWarning). */
  readonly onWarning?: (message: string) => void;
}

/** Persistence settings checked and filled in. */
export interface ResolvedPersistence {
  readonly dir: string;
  readonly durability: Durability;
  readonly compactAfterBytes: number;
  readonly onWarning: (message: string) => void;
}

export const DEFAULT_COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

const emitWarning = (message: string): void => process.emitWarning(message, 'MqStoreWarning');

/** Checks persistence settings, creates the folder and checks it can be written. `from` names the setting in messages. */
export function resolvePersistence(persistence: unknown, from = 'persistence'): ResolvedPersistence {
  const fail = (field: string, what: string): never => {
    throw new ValidationError('MQ_INVALID_CONFIG', `Invalid ${field}: ${what}.`, { field });
  };
  if (typeof persistence !== 'object' || persistence === null || Array.isArray(persistence)) fail(from, 'use { dir, durability? }');
  const { dir, durability, compactAfterBytes, onWarning } = persistence as Record<string, unknown>;
  const dirField = from === 'persistence' || from.endsWith('.persistence') ? `${from}.dir` : from;
  if (typeof dir !== 'string' || dir.trim() === '') fail(dirField, 'use the path of a folder');
  const durabilityField = from === 'MQ_MEMORY_DIR' ? 'MQ_MEMORY_DURABILITY' : `${from}.durability`;
  if (durability !== undefined && !DURABILITY_MODES.includes(durability as Durability)) {
    fail(durabilityField, `got ${JSON.stringify(durability)}; allowed values are ${DURABILITY_MODES.map((m) => `'${m}'`).join(', ')}`);
  }
  if (compactAfterBytes !== undefined && (typeof compactAfterBytes !== 'number' || !Number.isSafeInteger(compactAfterBytes) || compactAfterBytes < 1)) {
    fail(`${from}.compactAfterBytes`, 'use a whole number of bytes >= 1');
  }
  if (onWarning !== undefined && typeof onWarning !== 'function') fail(`${from}.onWarning`, 'use a function');
  const folder = path.resolve(dir as string);
  try {
    fs.mkdirSync(folder, { recursive: true });
    fs.accessSync(folder, fs.constants.W_OK | fs.constants.R_OK);
    if (!fs.statSync(folder).isDirectory()) throw new Error('not a folder');
  } catch (error) {
    fail(dirField, `the folder ${folder} cannot be created or written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return {
    dir: folder,
    durability: (durability as Durability | undefined) ?? 'batch',
    compactAfterBytes: (compactAfterBytes as number | undefined) ?? DEFAULT_COMPACT_AFTER_BYTES,
    onWarning: (onWarning as ((message: string) => void) | undefined) ?? emitWarning,
  };
}
