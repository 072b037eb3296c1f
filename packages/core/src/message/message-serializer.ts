import type { PayloadCodec } from '../codec/payload-codec.js';
import type { DeadRecord, EnqueueRecord, TakenRecord } from '../provider/queue-provider.js';
import { decodeErrorInfo, errorInfoOf, toError } from '../queue/error-info.js';
import { decodeEnvelope, encodeEnvelope, type DecodedEnvelope } from './envelope.js';
import type { DeadLetter, ErrorInfo, QueueMessage, ReceivedMessage } from './queue-message.js';
import { TakenLease } from './taken-lease.js';
import { withSeamFields } from './seam-fields.js';
import { recordText } from '../pipeline/record-text.js';

/** Converts between messages and the records providers store, through the payload codec. */
export class MessageSerializer {
  private readonly codecs: Map<string, PayloadCodec>;

  constructor(
    private readonly codec: PayloadCodec,
    readCodecs: readonly PayloadCodec[] = [],
  ) {
    this.codecs = new Map([...readCodecs, codec].map((c) => [c.name, c]));
  }

  toRecord(message: QueueMessage): EnqueueRecord {
    const record = {
      id: message.id,
      priority: message.priority,
      delayMs: message.delayMs,
      data: encodeEnvelope(message, message.payload, this.codec),
    };
    // caps (issue 11): the seams' fields (deduplication, groupId) only when a message has one.
    return message.deduplication === undefined && message.groupId === undefined ? record : withSeamFields(record, message);
  }

  /** `takenAt`: this instance's clock when it took the record (kept in the lease, for processing times). */
  toReceived(queueName: string, record: TakenRecord, takenAt: number): ReceivedMessage {
    const envelope = decodeEnvelope(recordText(record.data), this.codecs);
    // One object with the keys in the order spreading fields() gave them: this runs for every message.
    const message: { -readonly [K in keyof ReceivedMessage]: ReceivedMessage[K] } = {
      id: record.id,
      type: envelope.type,
      payload: envelope.payload,
      priority: record.priority,
      createdAt: envelope.createdAt,
      delayMs: envelope.delayMs,
      availableAt: record.availableAt,
      attempts: record.attempts,
      maxRetries: envelope.maxRetries,
      metadata: envelope.metadata,
      queueName,
      lease: new TakenLease(record.leaseToken, record.leaseExpiresAt, takenAt),
    };
    const lastError = decodeErrorInfo(record.lastError);
    if (lastError !== undefined) message.lastError = lastError;
    return message;
  }

  /** Never throws: a record this queue cannot decode is listed with payload null and decodeError. */
  toDeadLetter(queueName: string, record: DeadRecord): DeadLetter {
    let envelope: DecodedEnvelope;
    let decodeError: ErrorInfo | undefined;
    try {
      envelope = decodeEnvelope(recordText(record.data), this.codecs);
    } catch (error) {
      decodeError = errorInfoOf(toError(error));
      envelope = { type: 'unknown', createdAt: 0, maxRetries: 0, delayMs: 0, metadata: { headers: {} }, payload: null };
    }
    return {
      ...this.fields(record.id, record.priority, record.attempts, record.failedAt, envelope),
      ...(decodeError === undefined ? {} : { decodeError }),
      queueName,
      error: decodeErrorInfo(record.error) ?? { name: 'Error', message: 'unknown' },
      failedAt: record.failedAt,
    };
  }

  private fields(id: string, priority: number, attempts: number, availableAt: number, envelope: DecodedEnvelope): QueueMessage {
    return {
      id,
      type: envelope.type,
      payload: envelope.payload,
      priority,
      createdAt: envelope.createdAt,
      delayMs: envelope.delayMs,
      availableAt,
      attempts,
      maxRetries: envelope.maxRetries,
      metadata: envelope.metadata,
    };
  }
}
