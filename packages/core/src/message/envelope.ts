import { decodeFailed, ENVELOPE_STEP, unknownSerializer } from '../pipeline/decode-failure.js';
import type { PayloadSerializer, PayloadStage } from '../pipeline/payload-stage.js';
import { decodeStaged, STAGED_VERSION } from '../pipeline/staged-envelope.js';
import type { RecordData } from '../provider/queue-provider.js';
import type { DecodedEnvelope, EnvelopeFields } from './envelope-fields.js';
import type { MessageMetadata } from './queue-message.js';
import { decodeMetadata, hasMetadata, metadataJson, type StoredMetadata } from './stored-metadata.js';

const VERSION = 1;
const NEWLINE = 10;
const textDecoder = new TextDecoder();

type Header = readonly [number, string, string, number, number, number, StoredMetadata | undefined];

/**
 * Envelope v1, the default stored format: a JSON header line `[1, serializer, type, createdAt,
 * maxRetries, delayMs, metadata?]`, a newline, then the serializer's text (JSON never holds a raw
 * newline, so the first one splits them). Reading also dispatches envelope v2 (staged-envelope.ts).
 *
 * One per queue: the header caches below are this queue's, so queues with other types, codecs or
 * stages in the same process never evict each other's (they did when the caches were module-wide).
 */
export class EnvelopeCodec {
  /** The last `[1,"serializer","type",` written: messages of one type in a row share it. */
  private lastStart = { serializer: '', type: '', text: '' };
  /** The last header without metadata: messages made in the same millisecond share it. */
  private lastPlain = { serializer: '', type: '', createdAt: Number.NaN, maxRetries: 0, delayMs: 0, text: '' };
  /**
   * The last v1 header parsed. Messages enqueued together share their header text (same type,
   * same createdAt millisecond), so a run of them is parsed once. The cached array is only read:
   * the metadata handed out is always a fresh object.
   */
  private lastHeader: { text: string; parsed: Header } | undefined;

  constructor(
    private readonly readers: ReadonlyMap<string, PayloadSerializer>,
    private readonly stages: ReadonlyMap<string, PayloadStage>,
  ) {}

  /** v1 text of a message whose payload the serializer `serializerName` turned into `text`. */
  encode(fields: EnvelopeFields, serializerName: string, text: string): string {
    // The same text as JSON.stringify of the header array (the numbers are finite, checked at
    // createMessage), written directly: this runs for every message.
    const header = hasMetadata(fields.metadata)
      ? `${this.headerStart(serializerName, fields.type)}${fields.createdAt},${fields.maxRetries},${fields.delayMs},${metadataJson(fields.metadata)}]`
      : this.plainHeader(serializerName, fields);
    // join() builds one flat string; concatenation would make a rope that the store keeps as several
    // objects (more for the GC to trace) and that is flattened again on every read.
    return [header, text].join('\n');
  }

  /**
   * Reads a record of any envelope version. Synchronous for v1 and for v2 records no stage ran on;
   * a promise only where stages must decode. Throws (or rejects with) MQ_DECODE_FAILED.
   */
  decode(data: RecordData, queueName: string, messageId: string): DecodedEnvelope | Promise<DecodedEnvelope> {
    if (typeof data !== 'string') return this.decodeBytes(data, queueName, messageId);
    let split: number;
    let header: readonly unknown[];
    // The header text has no newline (JSON), so if data starts with the last header and a newline,
    // that newline is the first one: no search, no slice, no parse.
    const last = this.lastHeader;
    if (last !== undefined && data.charCodeAt(last.text.length) === NEWLINE && data.startsWith(last.text)) {
      split = last.text.length;
      header = last.parsed;
    } else {
      split = data.indexOf('\n');
      if (split < 0) throw decodeFailed(queueName, messageId, ENVELOPE_STEP, 'unknown-format', 'it has no header line');
      header = this.parseHeader(data.slice(0, split), queueName, messageId);
      if (header[0] === STAGED_VERSION) return decodeStaged(header, data.slice(split + 1), this.readers, this.stages, queueName, messageId);
    }
    return this.decodeV1(header as Header, data, split, queueName, messageId);
  }

  private decodeV1(header: Header, data: string, split: number, queueName: string, messageId: string): DecodedEnvelope {
    const [version, serializerName, type, createdAt, maxRetries, delayMs, meta] = header;
    if (version !== VERSION) throw decodeFailed(queueName, messageId, ENVELOPE_STEP, 'unknown-format', `unknown envelope version ${String(version)}`);
    const serializer = this.readers.get(serializerName);
    if (serializer === undefined) throw unknownSerializer(serializerName, queueName, messageId);
    const metadata: MessageMetadata = meta === undefined ? { headers: {} } : decodeMetadata(meta);
    let payload: unknown;
    try {
      payload = serializer.deserialize(data.slice(split + 1));
    } catch (error) {
      throw decodeFailed(queueName, messageId, serializerName, 'corrupt', `serializer "${serializerName}" cannot read the payload`, error);
    }
    return { type, createdAt, maxRetries, delayMs, metadata, payload };
  }

  /** Bytes (a binary-data provider): envelope v2 as written, or v1 text that was stored as bytes. */
  private decodeBytes(data: Uint8Array, queueName: string, messageId: string): DecodedEnvelope | Promise<DecodedEnvelope> {
    const split = data.indexOf(NEWLINE);
    if (split < 0) throw decodeFailed(queueName, messageId, ENVELOPE_STEP, 'unknown-format', 'it has no header line');
    const header = this.parseHeader(textDecoder.decode(data.subarray(0, split)), queueName, messageId);
    if (header[0] === STAGED_VERSION) return decodeStaged(header, data.subarray(split + 1), this.readers, this.stages, queueName, messageId);
    return this.decode(textDecoder.decode(data), queueName, messageId);
  }

  private parseHeader(text: string, queueName: string, messageId: string): readonly unknown[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw decodeFailed(queueName, messageId, ENVELOPE_STEP, 'unknown-format', 'its header line is not JSON', error);
    }
    if (!Array.isArray(parsed)) throw decodeFailed(queueName, messageId, ENVELOPE_STEP, 'unknown-format', 'its header line is not an envelope header');
    if (parsed[0] === VERSION) {
      if (!isV1Header(parsed)) throw decodeFailed(queueName, messageId, ENVELOPE_STEP, 'unknown-format', 'its v1 header is malformed');
      // A copy of the text, so the cache does not keep the whole message it was sliced from.
      this.lastHeader = { text: [text].join(''), parsed };
    }
    return parsed;
  }

  private headerStart(serializerName: string, type: string): string {
    if (this.lastStart.type !== type || this.lastStart.serializer !== serializerName) {
      this.lastStart = { serializer: serializerName, type, text: `[${VERSION},${JSON.stringify(serializerName)},${JSON.stringify(type)},` };
    }
    return this.lastStart.text;
  }

  private plainHeader(serializerName: string, fields: EnvelopeFields): string {
    const last = this.lastPlain;
    if (last.createdAt === fields.createdAt && last.type === fields.type && last.maxRetries === fields.maxRetries && last.delayMs === fields.delayMs && last.serializer === serializerName) {
      return last.text;
    }
    const text = `${this.headerStart(serializerName, fields.type)}${fields.createdAt},${fields.maxRetries},${fields.delayMs}]`;
    this.lastPlain = { serializer: serializerName, type: fields.type, createdAt: fields.createdAt, maxRetries: fields.maxRetries, delayMs: fields.delayMs, text };
    return text;
  }
}

/** Checked once per distinct header text (the cache serves the rest). */
function isV1Header(h: unknown[]): h is Header & unknown[] {
  const meta = h[6];
  return typeof h[1] === 'string' && typeof h[2] === 'string' && typeof h[3] === 'number' && typeof h[4] === 'number' && typeof h[5] === 'number' && (meta === undefined || (typeof meta === 'object' && meta !== null));
}
