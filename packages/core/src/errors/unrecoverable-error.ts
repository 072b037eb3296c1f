import { MqError } from './mq-error.js';

/** Throw from a handler (or pass to nack) to dead-letter a message at once, skipping its remaining retries. */
export class UnrecoverableError extends MqError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('MQ_UNRECOVERABLE', message, options);
    this.name = 'UnrecoverableError';
  }
}
