import type { MessageSerializer } from '../message/message-serializer.js';
import type { ErrorInfo } from '../message/queue-message.js';
import type { RecordDetails, ScannedRecord } from '../provider/record-scan.js';
import { decodeErrorInfo } from '../queue/error-info.js';
import type { MessageInfo, MessageState } from './message-info.js';

const NO_DETAILS: RecordDetails = Object.freeze({ priority: 5, attempts: 0, availableAt: 0 });

/** A scanned record as the admin API shows it: its envelope decoded (never rejects), its details as stored. */
export async function toMessageInfo(serializer: MessageSerializer, queueName: string, state: MessageState, record: ScannedRecord): Promise<MessageInfo> {
  const { envelope, decodeError } = await serializer.readEnvelope(queueName, record.id, record.data);
  const details = record.details ?? NO_DETAILS;
  const info: { -readonly [K in keyof MessageInfo]: MessageInfo[K] } = {
    queueName,
    id: record.id,
    state,
    type: envelope.type,
    payload: decodeError === undefined ? envelope.payload : null,
    priority: details.priority,
    attempts: details.attempts,
    maxRetries: envelope.maxRetries,
    createdAt: envelope.createdAt,
    availableAt: details.availableAt,
    metadata: envelope.metadata,
  };
  if (details.groupId !== undefined) info.groupId = details.groupId;
  if (state === 'processing' && details.leaseExpiresAt !== undefined) info.leaseExpiresAt = details.leaseExpiresAt;
  const lastError = decodeErrorInfo(details.lastError);
  if (lastError !== undefined) info.lastError = details.lastErrorAt === undefined ? lastError : { ...lastError, at: details.lastErrorAt };
  if (state === 'dead') {
    info.error = decodeErrorInfo(details.error) ?? ({ name: 'Error', message: 'unknown' } satisfies ErrorInfo);
    if (details.failedAt !== undefined) info.failedAt = details.failedAt;
  }
  if (decodeError !== undefined) info.decodeError = decodeError;
  return info;
}
