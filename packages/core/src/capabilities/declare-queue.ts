import { ValidationError } from '../errors/validation-error.js';
import { describeValue, validateQueueName } from '../message/validate.js';
import type { QueueSettings } from '../provider/queue-provider.js';
import type { SeamSession } from './refuse-unsupported-seams.js';
import { unsupportedError } from './unsupported-error.js';

/** queue.declareQueue(name, settings): settings stored with a queue so every process agrees on them. */
export interface QueueDeclaration {
  /** Shards the queue is spread over, 1–1024; default 1. More than 1 needs capabilities.partitions (docs/scaling.md). */
  partitions?: number;
}

export const MAX_PARTITIONS = 1024;

/** Stores a queue's settings through the queue's provider gateway (provider.doDeclareQueue). */
export type StoreSettings = (queueName: string, settings: QueueSettings) => Promise<QueueSettings>;

/**
 * Checks a declaration, refuses what the provider cannot do (partitions > 1 without
 * capabilities.partitions: MQ_UNSUPPORTED, nothing stored), and stores it where the provider keeps
 * queue settings (doDeclareQueue). Settings already stored that differ fail with MQ_INVALID_CONFIG.
 */
export async function declareQueue(session: SeamSession, store: StoreSettings, queueName: string, declaration: QueueDeclaration | undefined): Promise<void> {
  validateQueueName(queueName);
  const settings: QueueSettings = { partitions: readPartitions(declaration) };
  const provider = session.requireOpen('declareQueue');
  if (settings.partitions > 1 && !session.capabilities.partitions) {
    throw unsupportedError(provider.name, 'partitions', 'spread a queue over several partitions', `declare "${queueName}" with one partition (the default); nothing was stored.`);
  }
  if (provider.doDeclareQueue === undefined) return;
  const stored = await store(queueName, settings);
  if (stored.partitions !== settings.partitions) {
    throw new ValidationError('MQ_INVALID_CONFIG', `Queue "${queueName}" is declared with ${stored.partitions} partition(s) already, not ${settings.partitions}: every process must declare it alike.`, {
      field: 'partitions',
      stored,
    });
  }
}

function readPartitions(declaration: unknown): number {
  if (declaration === undefined) return 1;
  if (typeof declaration !== 'object' || declaration === null || Array.isArray(declaration)) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `declareQueue() takes { partitions? } or nothing, not ${describeValue(declaration)}.`, { field: 'settings' });
  }
  const { partitions, ...rest } = declaration as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new ValidationError('MQ_INVALID_ARGUMENT', `Unknown declareQueue() setting "${unknown}": use partitions.`, { field: unknown });
  if (partitions === undefined) return 1;
  if (typeof partitions !== 'number' || !Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid partitions ${describeValue(partitions)}: use an integer from 1 to ${MAX_PARTITIONS}.`, { field: 'partitions' });
  }
  return partitions;
}
