import type { MqErrorCode } from './error-codes.js';

const MQ_ERROR_BRAND = Symbol.for('@mq/core.error');

export interface MqErrorOptions {
  /** Machine-readable facts about the failure (the field, the allowed values). Never secrets. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** The base of every error @mq throws. Branch on `code`, which is stable across versions. */
export class MqError extends Error {
  readonly code: MqErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: MqErrorCode, message: string, options: MqErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MqError';
    this.code = code;
    this.details = options.details ?? {};
    Object.defineProperty(this, MQ_ERROR_BRAND, { value: true });
  }

  /** Works across duplicate copies of @mq/core, unlike `instanceof`. */
  static isInstance(value: unknown): value is MqError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MQ_ERROR_BRAND] === true;
  }
}

/** True for any @mq error, whichever copy of the package made it. Pass a code to check that too. */
export function isMqError(value: unknown, code?: MqErrorCode): value is MqError {
  return MqError.isInstance(value) && (code === undefined || value.code === code);
}
