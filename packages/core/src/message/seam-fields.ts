import type { MqErrorCode } from '../errors/error-codes.js';
import { ValidationError } from '../errors/validation-error.js';
import type { DeduplicationMode, DeduplicationSpec, EnqueueRecord } from '../provider/queue-provider.js';
import type { QueueMessage } from './queue-message.js';
import { describeValue, QUEUE_NAME_PATTERN } from './validate.js';

/**
 * The fields of a message for the seams of later features: a deduplication key with its window
 * (capabilities.deduplication) and a fair-scheduling group (capabilities.groups). Checked here,
 * carried on the message and into its EnqueueRecord; a provider that lacks the capability refuses
 * the enqueue with MQ_UNSUPPORTED (capabilities/refuse-unsupported-seams.ts).
 */
const MODES: readonly DeduplicationMode[] = ['until-settled', 'ttl', 'debounce'];
const KEY_MAX_LENGTH = 256;

/** `code`: MQ_INVALID_ARGUMENT at createMessage(), MQ_INVALID_MESSAGE when a message is checked again at enqueue. */
export function checkDeduplication(value: unknown, code: MqErrorCode): DeduplicationSpec {
  const fail = (field: string, what: string): never => {
    throw new ValidationError(code, `Invalid ${field} ${what}.`, { field });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('deduplication', `${describeValue(value)}: use { key, ttlMs?, mode? }`);
  const { key, ttlMs, mode, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) fail(`deduplication.${unknown}`, '(unknown): use key, ttlMs, mode');
  if (typeof key !== 'string' || key.length === 0 || key.length > KEY_MAX_LENGTH) fail('deduplication.key', `${describeValue(key)}: use a string of 1–${KEY_MAX_LENGTH} characters`);
  if (ttlMs !== undefined && (typeof ttlMs !== 'number' || !Number.isInteger(ttlMs) || ttlMs < 1)) fail('deduplication.ttlMs', `${describeValue(ttlMs)}: use a whole number of ms >= 1`);
  if (mode !== undefined && !MODES.includes(mode as DeduplicationMode)) fail('deduplication.mode', `${describeValue(mode)}: use ${MODES.map((m) => `"${m}"`).join(', ')}`);
  const resolved = (mode ?? (ttlMs === undefined ? 'until-settled' : 'ttl')) as DeduplicationMode;
  if (resolved !== 'until-settled' && ttlMs === undefined) fail('deduplication.ttlMs', `(missing): mode "${resolved}" needs the window ttlMs`);
  return ttlMs === undefined ? { key: key as string, mode: resolved } : { key: key as string, mode: resolved, ttlMs: ttlMs as number };
}

/** A group id is named like a queue: 1–128 characters from A-Z a-z 0-9 _ . : - */
export function checkGroupId(value: unknown, code: MqErrorCode): string {
  if (typeof value !== 'string' || !QUEUE_NAME_PATTERN.test(value)) {
    throw new ValidationError(code, `Invalid groupId ${describeValue(value)}: use 1–128 characters from A-Z a-z 0-9 _ . : - (as a queue name).`, { field: 'groupId' });
  }
  return value;
}

/** The record of a message with a seam field, with those fields (toRecord calls this only when one is set). */
export function withSeamFields(record: EnqueueRecord, message: QueueMessage): EnqueueRecord {
  const out: { -readonly [K in keyof EnqueueRecord]: EnqueueRecord[K] } = { ...record };
  if (message.deduplication !== undefined) out.deduplication = message.deduplication;
  if (message.groupId !== undefined) out.groupId = message.groupId;
  return out;
}
