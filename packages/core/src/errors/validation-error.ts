import type { MqErrorCode } from './error-codes.js';
import { MqError } from './mq-error.js';

/** Bad input at a public edge: nothing was enqueued or changed. */
export class ValidationError extends MqError {
  constructor(code: MqErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, { details });
    this.name = 'ValidationError';
  }
}
