import { isMqError } from '@mq/core';

/** The messaging semantic conventions' attribute names this package sets. */
export const ATTR = {
  system: 'messaging.system',
  destination: 'messaging.destination.name',
  operationName: 'messaging.operation.name',
  operationType: 'messaging.operation.type',
  messageId: 'messaging.message.id',
  batchCount: 'messaging.batch.message_count',
  errorType: 'error.type',
} as const;

/** messaging.system: @mq is the messaging system (the store behind it is in `mq.provider`). */
export const MESSAGING_SYSTEM = 'mq';

/** error.type: an MqError's code, else the error's name, else '_OTHER' (the conventions' fallback). */
export function errorType(error: unknown): string {
  if (isMqError(error)) return error.code;
  if (error instanceof Error && error.name !== '') return error.name;
  return '_OTHER';
}
