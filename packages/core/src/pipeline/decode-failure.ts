import { MqError } from '../errors/mq-error.js';
import type { DecodeFailureReason } from './payload-stage.js';

/** The step of reading a record that is neither the serializer nor a stage: the header line and its format. */
export const ENVELOPE_STEP = 'envelope';

/**
 * MQ_DECODE_FAILED for one stored record: which message of which queue, at which step (the
 * envelope, the serializer's name or a stage's name) and why. Deliveries dead-letters it with this.
 */
export function decodeFailed(queueName: string, messageId: string, stage: string, reason: DecodeFailureReason, detail: string, cause?: unknown): MqError {
  return new MqError('MQ_DECODE_FAILED', `Message "${messageId}" in queue "${queueName}" could not be read back: ${detail} (stage "${stage}", ${reason}).`, {
    details: { messageId, queueName, stage, reason },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** A record names a serializer this queue was not given. */
export function unknownSerializer(name: string, queueName: string, messageId: string): MqError {
  return decodeFailed(
    queueName,
    messageId,
    name,
    'unknown-stage',
    `it was written with serializer "${name}", which this queue does not have (configure it as codec, in readCodecs or as the pipeline's serializer)`,
  );
}
