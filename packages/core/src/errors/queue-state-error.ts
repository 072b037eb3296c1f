import { MqError } from './mq-error.js';

/** The queue is not open: connect() has not resolved yet, or disconnect() was called. */
export function notOpenError(state: 'idle' | 'connecting' | 'closing' | 'closed', operation: string): MqError {
  if (state === 'closing' || state === 'closed') {
    return new MqError('MQ_CLOSED', `Cannot ${operation}: the queue was disconnected. Create a new queue to continue.`, {
      details: { operation, state },
    });
  }
  return new MqError('MQ_NOT_CONNECTED', `Cannot ${operation}: call and await queue.connect() first.`, {
    details: { operation, state },
  });
}
