import { MqError } from './mq-error.js';

/** The backing store cannot be reached (or did not answer in time). Safe to retry later. */
export class ProviderUnavailableError extends MqError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super('MQ_PROVIDER_UNAVAILABLE', message, options);
    this.name = 'ProviderUnavailableError';
  }
}
