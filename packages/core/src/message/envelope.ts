import type { PayloadCodec } from '../codec/payload-codec.js';
import { MqError } from '../errors/mq-error.js';
import type { MessageMetadata } from './queue-message.js';

/** The immutable part of a message, as the core hands it to providers in one string. */
export interface EnvelopeFields {
  readonly type: string;
  readonly createdAt: number;
  readonly maxRetries: number;
  readonly delayMs: number;
  readonly metadata: MessageMetadata;
}

const VERSION = 1;
const NEWLINE = 10;

/**
 * Format: a JSON header line `[version, codec, type, createdAt, maxRetries, delayMs, metadata?]`,
 * a newline, then the codec's text. JSON never contains a raw newline, so the first one splits them.
 */
export function encodeEnvelope(fields: EnvelopeFields, payload: unknown, codec: PayloadCodec): string {
  const { userId, conversationId, correlationId, headers } = fields.metadata;
  const hasMeta = userId !== undefined || conversationId !== undefined || correlationId !== undefined || hasOwnKeys(headers);
  // The same text as JSON.stringify of the header array (the numbers are finite, checked at
  // createMessage), written directly: this runs for every message.
  const header = hasMeta
    ? `${headerStart(codec.name, fields.type)}${fields.createdAt},${fields.maxRetries},${fields.delayMs},${JSON.stringify({ u: userId, c: conversationId, r: correlationId, h: headers })}]`
    : plainHeader(codec.name, fields);
  // join() builds one flat string; concatenation would make a rope that the store keeps as several
  // objects (more for the GC to trace) and that is flattened again on every read.
  return [header, codec.encode(payload)].join('\n');
}

/** The last `[version,"codec","type",` written: messages of one type in a row share it. */
let lastStart = { codec: '', type: '', text: '' };

function headerStart(codecName: string, type: string): string {
  if (lastStart.type !== type || lastStart.codec !== codecName) {
    lastStart = { codec: codecName, type, text: `[${VERSION},${JSON.stringify(codecName)},${JSON.stringify(type)},` };
  }
  return lastStart.text;
}

/** The last header without metadata: messages made in the same millisecond share it. */
let lastPlain = { codec: '', type: '', createdAt: Number.NaN, maxRetries: 0, delayMs: 0, text: '' };

function plainHeader(codecName: string, fields: EnvelopeFields): string {
  const last = lastPlain;
  if (last.createdAt === fields.createdAt && last.type === fields.type && last.maxRetries === fields.maxRetries && last.delayMs === fields.delayMs && last.codec === codecName) {
    return last.text;
  }
  const text = `${headerStart(codecName, fields.type)}${fields.createdAt},${fields.maxRetries},${fields.delayMs}]`;
  lastPlain = { codec: codecName, type: fields.type, createdAt: fields.createdAt, maxRetries: fields.maxRetries, delayMs: fields.delayMs, text };
  return text;
}

function hasOwnKeys(object: object): boolean {
  for (const key in object) if (Object.prototype.hasOwnProperty.call(object, key)) return true;
  return false;
}

export interface DecodedEnvelope extends EnvelopeFields {
  readonly payload: unknown;
}

export function decodeEnvelope(data: string, codecs: ReadonlyMap<string, PayloadCodec>): DecodedEnvelope {
  let split: number;
  let header: Header;
  // The header text has no newline (JSON), so if data starts with the last header and a newline,
  // that newline is the first one: no search, no slice, no parse.
  if (lastHeader !== undefined && data.charCodeAt(lastHeader.text.length) === NEWLINE && data.startsWith(lastHeader.text)) {
    split = lastHeader.text.length;
    header = lastHeader.parsed;
  } else {
    split = data.indexOf('\n');
    if (split < 0) throw corrupt('no header line');
    header = parseHeader(data.slice(0, split));
  }
  const [version, codecName, type, createdAt, maxRetries, delayMs, meta] = header;
  if (version !== VERSION) throw corrupt(`unknown envelope version ${String(version)}`);
  const codec = codecs.get(codecName);
  if (codec === undefined) throw corrupt(`no codec named "${codecName}" is configured`);
  const metadata: MessageMetadata = meta === undefined ? { headers: {} } : decodeMetadata(meta);
  return { type, createdAt, maxRetries, delayMs, metadata, payload: codec.decode(data.slice(split + 1)) };
}

type StoredMeta = { u?: string; c?: string; r?: string; h?: Record<string, string> };
type Header = readonly [number, string, string, number, number, number, StoredMeta | undefined];

/**
 * The last header parsed. Messages enqueued together share their header text (same type, same
 * createdAt millisecond), so a run of them is parsed once. The cached array is only read: the
 * metadata handed out is always a fresh object.
 */
let lastHeader: { text: string; parsed: Header } | undefined;

function parseHeader(text: string): Header {
  const parsed = JSON.parse(text) as Header;
  // A copy of the text, so the cache does not keep the whole message it was sliced from.
  lastHeader = { text: [text].join(''), parsed };
  return parsed;
}

function decodeMetadata(meta: StoredMeta): MessageMetadata {
  // The keys in the order spreading gave them, without the temporary objects.
  const metadata = {} as { -readonly [K in keyof MessageMetadata]: MessageMetadata[K] };
  if (meta.u !== undefined) metadata.userId = meta.u;
  if (meta.c !== undefined) metadata.conversationId = meta.c;
  if (meta.r !== undefined) metadata.correlationId = meta.r;
  // A copy: the parsed header may be handed out again (see parseHeader).
  metadata.headers = meta.h === undefined ? {} : { ...meta.h };
  return metadata;
}

function corrupt(reason: string): MqError {
  return new MqError('MQ_PROVIDER_ERROR', `A stored message could not be decoded: ${reason}.`, { details: { reason } });
}
