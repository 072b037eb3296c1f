import { MqError } from './mq-error.js';

/** ack/nack came too late: the lease expired or another consumer holds the message now. Nothing was changed. */
export class LeaseLostError extends MqError {
  constructor(queueName: string, messageId: string) {
    super(
      'MQ_LEASE_LOST',
      `The lease on message "${messageId}" in queue "${queueName}" was lost (it expired or another consumer took the message); ack/nack changed nothing. Raise visibilityTimeoutMs if handlers need longer.`,
      { details: { queueName, messageId } },
    );
    this.name = 'LeaseLostError';
  }
}
