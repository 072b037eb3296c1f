import { ValidationError } from '../errors/validation-error.js';

export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/** 1 for the characters of QUEUE_NAME_PATTERN (and of ids), by char code. */
const NAME_CHARS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-') NAME_CHARS[c.charCodeAt(0)] = 1;

/** The same test as QUEUE_NAME_PATTERN, without a regular expression: it runs for every message. */
function isSafeName(value: string): boolean {
  const length = value.length;
  if (length === 0 || length > 128) return false;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128 || NAME_CHARS[code] === 0) return false;
  }
  return true;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/** Checks a queue name; `field` names where it came from in the error (default the queueName argument). */
export function validateQueueName(name: unknown, field = 'queueName'): string {
  if (typeof name !== 'string' || !isSafeName(name)) {
    const where = field === 'queueName' ? '' : ` in ${field}`;
    throw new ValidationError(
      'MQ_INVALID_QUEUE_NAME',
      `Invalid queue name ${describe(name)}${where}: use 1–128 characters from A-Z a-z 0-9 _ . : -`,
      { field, allowed: QUEUE_NAME_PATTERN.source },
    );
  }
  return name;
}

/**
 * validateQueueName() for one MessageQueue, remembering the name it checked last: calls on one
 * queue in a row check its name once (this runs for every message). One per queue, so queues
 * of one process that use other names do not undo each other's cache.
 */
export class QueueNameCheck {
  /** Starts as a valid name. */
  private last = 'queue';

  check(name: unknown): string {
    if (name === this.last) return name;
    this.last = validateQueueName(name);
    return this.last;
  }
}

export function validatePriority(priority: unknown): number {
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1 || priority > 10) {
    throw new ValidationError('MQ_INVALID_PRIORITY', `Invalid priority ${describe(priority)}: use an integer from 1 to 10 (10 runs first).`, {
      field: 'priority',
      allowed: '1-10',
    });
  }
  return priority;
}

export function validateDelayMs(delayMs: unknown, field = 'delayMs'): number {
  if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) {
    throw new ValidationError('MQ_INVALID_DELAY', `Invalid ${field} ${describe(delayMs)}: use a finite number of milliseconds >= 0.`, {
      field,
      allowed: '>= 0',
    });
  }
  return Math.ceil(delayMs);
}

export function validateMaxRetries(maxRetries: unknown): number {
  if (typeof maxRetries !== 'number' || !Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 1000) {
    throw new ValidationError('MQ_INVALID_MAX_RETRIES', `Invalid maxRetries ${describe(maxRetries)}: use an integer from 0 to 1000.`, {
      field: 'maxRetries',
      allowed: '0-1000',
    });
  }
  return maxRetries;
}

export function validateMessageId(id: unknown): string {
  if (typeof id !== 'string' || !isSafeName(id)) {
    throw new ValidationError('MQ_INVALID_MESSAGE', `Invalid message id ${describe(id)}: use 1–128 characters from A-Z a-z 0-9 _ . : -`, {
      field: 'id',
    });
  }
  return id;
}

export function validateMessageType(type: unknown): string {
  if (typeof type !== 'string' || type.length === 0 || type.length > 128) {
    throw new ValidationError('MQ_INVALID_MESSAGE', `Invalid message type ${describe(type)}: use a non-empty string of at most 128 characters.`, {
      field: 'type',
    });
  }
  return type;
}

export function validateOptionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 256) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid ${field} ${describe(value)}: use a string of at most 256 characters.`, { field });
  }
  return value;
}

/** Throws unless `headers` is undefined or an object of string values; copies nothing. */
export function assertHeaders(headers: unknown): void {
  if (headers === undefined) return;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid headers ${describe(headers)}: use an object of string values.`, { field: 'headers' });
  }
  // for-in over own keys, as Object.entries() would list them, without its arrays: this runs for every enqueue.
  for (const key in headers) {
    if (!Object.prototype.hasOwnProperty.call(headers, key)) continue;
    const value = (headers as Record<string, unknown>)[key];
    if (typeof value !== 'string') {
      throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid header "${key}" ${describe(value)}: header values must be strings.`, {
        field: `headers.${key}`,
      });
    }
  }
}

/** Checks headers and returns a plain copy of them ({} when undefined). */
export function validateHeaders(headers: unknown): Record<string, string> {
  assertHeaders(headers);
  if (headers === undefined) return {};
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(headers as Record<string, string>)) out[key] = value;
  return { ...out };
}

/** Checks a positive whole number option (ms, counts) and names it in the error. */
export function validatePositiveInteger(value: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid ${field} ${describe(value)}: use an integer from 1 to ${max}.`, { field });
  }
  return value;
}

export { describe as describeValue };
