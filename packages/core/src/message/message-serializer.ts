import { maybeAll } from '../pipeline/maybe-all.js';
import { encodeStaged } from '../pipeline/staged-envelope.js';
import type { ResolvedPipeline } from '../pipeline/payload-pipeline.js';
import type { PayloadSerializer } from '../pipeline/payload-stage.js';
import type { DeadRecord, EnqueueRecord, RecordData, TakenRecord } from '../provider/queue-provider.js';
import { decodeErrorInfo, errorInfoOf, toError } from '../queue/error-info.js';
import { EnvelopeCodec } from './envelope.js';
import type { DecodedEnvelope } from './envelope-fields.js';
import type { DeadLetter, ErrorInfo, QueueMessage, ReceivedMessage } from './queue-message.js';
import { TakenLease } from './taken-lease.js';
import { withSeamFields } from './seam-fields.js';

const UNDECODABLE: DecodedEnvelope = Object.freeze({ type: 'unknown', createdAt: 0, maxRetries: 0, delayMs: 0, metadata: Object.freeze({ headers: Object.freeze({}) }), payload: null });

/**
 * Converts between messages and the records providers store, through the queue's payload
 * pipeline. One per queue (with its own envelope caches).
 */
export class MessageSerializer {
  /**
   * True when the pipeline has stages: records are written by toStagedRecord() (async) and reading
   * may return promises. False (the default): toRecord() and every read are synchronous.
   */
  readonly staged: boolean;
  private readonly envelope: EnvelopeCodec;
  private readonly writer: PayloadSerializer;
  private readonly plain: (fields: QueueMessage) => (text: string) => string;

  constructor(private readonly pipeline: ResolvedPipeline) {
    this.staged = pipeline.stages.length > 0;
    this.writer = pipeline.writer;
    this.envelope = new EnvelopeCodec(pipeline.readers, pipeline.stagesByName);
    this.plain = (message) => (text) => this.envelope.encode(message, pipeline.writer.name, text);
  }

  /** The record of a message, in envelope v1 (only without stages: see `staged`). */
  toRecord(message: QueueMessage): EnqueueRecord {
    const writer = this.writer;
    const record = { id: message.id, priority: message.priority, delayMs: message.delayMs, data: this.envelope.encode(message, writer.name, writer.serialize(message.payload)) };
    // The seams' fields (deduplication, groupId) only when a message has one: nothing for a plain message.
    return message.deduplication === undefined && message.groupId === undefined ? record : withSeamFields(record, message);
  }

  /**
   * The record of a message through the pipeline's stages; `binary`: the provider stores bytes.
   * Synchronous when the stages are (a promise only when one is async); throws (or rejects).
   */
  toStagedRecord(message: QueueMessage, queueName: string, binary: boolean): EnqueueRecord | Promise<EnqueueRecord> {
    const data = encodeStaged(message, message.payload, this.pipeline, { queueName, messageId: message.id }, binary, this.plain(message));
    return data instanceof Promise ? data.then((awaited) => stagedRecord(message, awaited)) : stagedRecord(message, data);
  }

  /** toStagedRecord() of each message, into `queueNames[i]` (or all into one queue); one promise for all only when a stage is async. */
  toStagedRecords(messages: readonly QueueMessage[], queueNames: string | readonly string[], binary: boolean): EnqueueRecord[] | Promise<EnqueueRecord[]> {
    return maybeAll(messages.map((m, i) => this.toStagedRecord(m, typeof queueNames === 'string' ? queueNames : (queueNames[i] as string), binary)));
  }

  /**
   * A stored record's data written again as this pipeline writes now (a fresh IV, the active key),
   * with everything else of the message as it was. Rejects with MQ_DECODE_FAILED when it cannot be read.
   */
  async reseal(queueName: string, id: string, data: RecordData, binary: boolean): Promise<RecordData> {
    const decoded = await this.envelope.decode(data, queueName, id);
    return encodeStaged(decoded, decoded.payload, this.pipeline, { queueName, messageId: id }, binary, (text) => this.envelope.encode(decoded, this.writer.name, text));
  }

  /** A message's data for an event sent to other instances (always text). */
  toWireData(message: QueueMessage, queueName: string): string | Promise<string> {
    if (!this.staged) return this.toRecord(message).data as string;
    const record = this.toStagedRecord(message, queueName, false);
    return record instanceof Promise ? record.then((r) => r.data as string) : (record.data as string);
  }

  /**
   * `takenAt`: this instance's clock when it took the record (kept in the lease, for processing
   * times). Synchronous unless stages must decode the record; throws (or rejects with) MQ_DECODE_FAILED.
   */
  toReceived(queueName: string, record: TakenRecord, takenAt: number): ReceivedMessage | Promise<ReceivedMessage> {
    const envelope = this.envelope.decode(record.data, queueName, record.id);
    if (envelope instanceof Promise) return envelope.then((decoded) => received(queueName, record, takenAt, decoded));
    return received(queueName, record, takenAt, envelope);
  }

  /** A stored record's envelope for the admin API; never rejects: one this queue cannot decode comes with decodeError. */
  async readEnvelope(queueName: string, id: string, data: RecordData): Promise<{ envelope: DecodedEnvelope; decodeError?: ErrorInfo }> {
    try {
      return { envelope: await this.envelope.decode(data, queueName, id) };
    } catch (error) {
      return { envelope: { ...UNDECODABLE, metadata: { headers: {} } }, decodeError: errorInfoOf(toError(error)) };
    }
  }

  /** Never throws or rejects: a record this queue cannot decode is listed with payload null and decodeError. */
  toDeadLetter(queueName: string, record: DeadRecord): DeadLetter | Promise<DeadLetter> {
    let envelope: DecodedEnvelope | Promise<DecodedEnvelope>;
    try {
      envelope = this.envelope.decode(record.data, queueName, record.id);
    } catch (error) {
      return deadLetter(queueName, record, UNDECODABLE, errorInfoOf(toError(error)));
    }
    if (!(envelope instanceof Promise)) return deadLetter(queueName, record, envelope, undefined);
    return envelope.then(
      (decoded) => deadLetter(queueName, record, decoded, undefined),
      (error: unknown) => deadLetter(queueName, record, UNDECODABLE, errorInfoOf(toError(error))),
    );
  }
}

function stagedRecord(message: QueueMessage, data: RecordData): EnqueueRecord {
  const record = { id: message.id, priority: message.priority, delayMs: message.delayMs, data };
  return message.deduplication === undefined && message.groupId === undefined ? record : withSeamFields(record, message);
}

function received(queueName: string, record: TakenRecord, takenAt: number, envelope: DecodedEnvelope): ReceivedMessage {
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

function deadLetter(queueName: string, record: DeadRecord, envelope: DecodedEnvelope, decodeError: ErrorInfo | undefined): DeadLetter {
  return {
    id: record.id,
    type: envelope.type,
    payload: envelope.payload,
    priority: record.priority,
    createdAt: envelope.createdAt,
    delayMs: envelope.delayMs,
    availableAt: record.failedAt,
    attempts: record.attempts,
    maxRetries: envelope.maxRetries,
    // A fresh object each time (the undecodable placeholder is shared).
    metadata: envelope === UNDECODABLE ? { headers: {} } : envelope.metadata,
    ...(decodeError === undefined ? {} : { decodeError }),
    queueName,
    error: decodeErrorInfo(record.error) ?? { name: 'Error', message: 'unknown' },
    failedAt: record.failedAt,
  };
}
