import { Buffer } from 'node:buffer';
import { MqError } from '../errors/mq-error.js';
import type { DecodedEnvelope, EnvelopeFields } from '../message/envelope-fields.js';
import { decodeMetadata, hasMetadata, type StoredMetadata } from '../message/stored-metadata.js';
import type { MessageMetadata } from '../message/queue-message.js';
import type { RecordData } from '../provider/queue-provider.js';
import { decodeFailed, ENVELOPE_STEP, unknownSerializer } from './decode-failure.js';
import { AES_GCM_STAGE_NAME } from './aes-gcm-encryption.js';
import type { PayloadSerializer, PayloadStage, StageContext, StageOutput } from './payload-stage.js';
import { isThenable } from './maybe-all.js';
import { failureReasonOf } from './stage-failure.js';

/**
 * Envelope v2, written when a pipeline has stages: a JSON header line
 * `[2, serializer, type, createdAt, maxRetries, delayMs, body, stages, metadata]`, a newline, the body.
 * - body: 'binary' (the record's data is bytes: header, 10, body) or 'base64' (a string: header, '\n', base64).
 * - stages: `[name, params]` of each stage that ran, in encode order (decode runs them backwards).
 * - metadata: the stored metadata, null for none, or 'sealed' when a stage is confidential: the
 *   metadata is then the body's first line (JSON), before the serializer's text, and never plaintext.
 */
export const STAGED_VERSION = 2;
const SEALED = 'sealed';
const MAX_PARAMS_LENGTH = 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

type Steps = readonly (readonly [string, string])[];
type Header = readonly [2, string, string, number, number, number, 'binary' | 'base64', Steps, StoredMetadata | null | typeof SEALED];

export interface StagedWriter {
  readonly writer: PayloadSerializer;
  readonly stages: readonly PayloadStage[];
  readonly confidential: boolean;
}

/**
 * Runs the stages. When none ran and nothing is sealed, `plain(text)` writes envelope v1 instead
 * (smaller, readable by any version). Synchronous while the stages are (AES-GCM and gzip encode
 * synchronously); the first stage that returns a promise makes the rest async. Throws (or rejects).
 */
export function encodeStaged(fields: EnvelopeFields, payload: unknown, pipeline: StagedWriter, context: StageContext, binary: boolean, plain: (text: string) => string): RecordData | Promise<RecordData> {
  const text = pipeline.writer.serialize(payload);
  const sealed = pipeline.confidential;
  const { metadata } = fields;
  const meta = sealed ? SEALED : hasMetadata(metadata) ? stored(metadata) : null;
  const encoding = binary ? 'binary' : 'base64';
  // The header is JSON of [first seven fields, steps, meta]: the first seven and meta are stringified
  // once (when a header is needed at all), the steps array each time; the same text as stringifying
  // the whole array, which the bound header of a confidential stage and the stored one both were.
  let fixed: { head: string; meta: string } | undefined;
  const headerWith = (steps: Steps): string => {
    fixed ??= { head: JSON.stringify([STAGED_VERSION, pipeline.writer.name, fields.type, fields.createdAt, fields.maxRetries, fields.delayMs, encoding]).slice(0, -1), meta: JSON.stringify(meta) };
    return `${fixed.head},${JSON.stringify(steps)},${fixed.meta}]`;
  };
  const ran: [string, string][] = [];
  const run = (from: number, input: Uint8Array): RecordData | Promise<RecordData> => {
    let body = input;
    for (let i = from; i < pipeline.stages.length; i++) {
      const stage = pipeline.stages[i] as PayloadStage;
      const output = stage.encode(body, stage.confidential === true ? { ...context, header: headerWith(ran) } : context);
      if (isThenable(output)) {
        return Promise.resolve(output).then((awaited) => run(i + 1, afterStage(stage, awaited, body, ran)));
      }
      body = afterStage(stage, output, body, ran);
    }
    if (ran.length === 0 && !sealed) return plain(text);
    return framed(headerWith(ran), body, binary);
  };
  return run(0, encoder.encode(sealed ? `${JSON.stringify(stored(metadata))}\n${text}` : text));
}

/** A stage's output checked; its step appended to `ran`; the body the next stage gets. */
function afterStage(stage: PayloadStage, output: StageOutput | undefined, body: Uint8Array, ran: [string, string][]): Uint8Array {
  if (output === undefined) return body;
  if (!(output.body instanceof Uint8Array) || typeof output.params !== 'string' || output.params.length > MAX_PARAMS_LENGTH) {
    throw new MqError('MQ_INVALID_CONFIG', `Pipeline stage "${stage.name}" returned something else than { body: Uint8Array, params: string (at most ${MAX_PARAMS_LENGTH} characters) } or undefined from encode().`, {
      details: { stage: stage.name },
    });
  }
  ran.push([stage.name, output.params]);
  return output.body;
}

/** The stored data: header, newline, body (as base64 text, or bytes). */
function framed(header: string, body: Uint8Array, binary: boolean): RecordData {
  if (!binary) return `${header}\n${Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64')}`;
  // One allocation for header, newline and body: a typed array over ~64 bytes costs ~1.3 µs to make.
  const headLength = Buffer.byteLength(header, 'utf8');
  const data = new Uint8Array(headLength + 1 + body.length);
  encoder.encodeInto(header, data);
  data[headLength] = 10;
  data.set(body, headLength + 1);
  return data;
}

/**
 * Reads a v2 record from its parsed header and its body (the text after the newline, or the bytes).
 * Synchronous up to the stages: an unknown serializer or stage throws at once; a record no stage
 * ran on is read without a promise. Throws (or rejects with) MQ_DECODE_FAILED.
 */
export function decodeStaged(
  header: readonly unknown[],
  body: string | Uint8Array,
  readers: ReadonlyMap<string, PayloadSerializer>,
  stages: ReadonlyMap<string, PayloadStage>,
  queueName: string,
  messageId: string,
): DecodedEnvelope | Promise<DecodedEnvelope> {
  if (!isHeader(header)) throw decodeFailed(queueName, messageId, ENVELOPE_STEP, 'unknown-format', 'its v2 header is malformed');
  const serializer = readers.get(header[1]);
  if (serializer === undefined) throw unknownSerializer(header[1], queueName, messageId);
  for (const [name] of header[7]) {
    if (!stages.has(name)) {
      // An encrypted record on a queue without its encryption: no key, so never ciphertext to a handler.
      if (name === AES_GCM_STAGE_NAME) throw decodeFailed(queueName, messageId, name, 'unknown-key', 'it is encrypted and this queue has no encryption keys configured');
      throw decodeFailed(queueName, messageId, name, 'unknown-stage', `it was encoded by stage "${name}", which this queue's pipeline does not have`);
    }
  }
  const bytes = bodyBytes(header[6], body, queueName, messageId);
  if (header[7].length === 0) return finish(header, serializer, bytes, queueName, messageId);
  return unwind(header, serializer, bytes, stages, queueName, messageId);
}

/**
 * Runs the stages backwards from step `from`. Synchronous while the stages are (AES-GCM and gzip
 * decode synchronously): an await per stage, and the promises of the callers around it, cost 3–4 µs a
 * message in the encrypted Redis c50 profile. The first stage that returns a promise makes the rest async.
 */
function unwind(header: Header, serializer: PayloadSerializer, body: Uint8Array, stages: ReadonlyMap<string, PayloadStage>, queueName: string, messageId: string, from = header[7].length - 1): DecodedEnvelope | Promise<DecodedEnvelope> {
  const steps = header[7];
  let bytes = body;
  for (let i = from; i >= 0; i--) {
    const [name, params] = steps[i] as readonly [string, string];
    const stage = stages.get(name) as PayloadStage;
    const context: StageContext = stage.confidential === true ? { queueName, messageId, header: boundHeader(header.slice(0, 7), steps.slice(0, i), header[8]) } : { queueName, messageId };
    let result: Uint8Array | Promise<Uint8Array>;
    try {
      result = stage.decode(bytes, params, context);
    } catch (error) {
      throw stageFailed(queueName, messageId, name, error);
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        (decoded) => unwind(header, serializer, checkDecoded(decoded, queueName, messageId, name), stages, queueName, messageId, i - 1),
        (error: unknown) => {
          throw stageFailed(queueName, messageId, name, error);
        },
      );
    }
    bytes = checkDecoded(result, queueName, messageId, name);
  }
  return finish(header, serializer, bytes, queueName, messageId);
}

function stageFailed(queueName: string, messageId: string, name: string, error: unknown): Error {
  const reason = failureReasonOf(error);
  const detail = reason === undefined ? `stage "${name}" cannot decode it` : `stage "${name}" cannot decode it: ${(error as Error).message}`;
  return decodeFailed(queueName, messageId, name, reason ?? 'corrupt', detail, error);
}

function checkDecoded(bytes: unknown, queueName: string, messageId: string, name: string): Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw decodeFailed(queueName, messageId, name, 'corrupt', `stage "${name}" returned no bytes from decode()`);
  return bytes;
}

function finish(header: Header, serializer: PayloadSerializer, bytes: Uint8Array, queueName: string, messageId: string): DecodedEnvelope {
  let text: string;
  try {
    text = strictDecoder.decode(bytes);
  } catch (error) {
    throw decodeFailed(queueName, messageId, ENVELOPE_STEP, 'corrupt', 'its decoded body is not UTF-8 text', error);
  }
  const meta = header[8];
  let metadata: MessageMetadata;
  if (meta === SEALED) {
    const at = text.indexOf('\n');
    const sealed = at < 0 ? undefined : parseObject(text.slice(0, at));
    if (sealed === undefined) throw decodeFailed(queueName, messageId, ENVELOPE_STEP, 'corrupt', 'its sealed metadata is unreadable');
    metadata = decodeMetadata(sealed);
    text = text.slice(at + 1);
  } else {
    metadata = meta === null ? { headers: {} } : decodeMetadata(meta);
  }
  let payload: unknown;
  try {
    payload = serializer.deserialize(text);
  } catch (error) {
    throw decodeFailed(queueName, messageId, serializer.name, 'corrupt', `serializer "${serializer.name}" cannot read the payload`, error);
  }
  return { type: header[2], createdAt: header[3], maxRetries: header[4], delayMs: header[5], metadata, payload };
}

/** The body as bytes of our own (a stage may keep or change them; the provider's stored bytes stay as they are). */
function bodyBytes(encoding: 'binary' | 'base64', body: string | Uint8Array, queueName: string, messageId: string): Uint8Array {
  if (encoding === 'binary') {
    if (typeof body === 'string') throw decodeFailed(queueName, messageId, ENVELOPE_STEP, 'corrupt', 'its header says binary but it was stored as text');
    return body.slice();
  }
  const text = typeof body === 'string' ? body : strictDecoder.decode(body);
  if (!BASE64.test(text)) throw decodeFailed(queueName, messageId, ENVELOPE_STEP, 'corrupt', 'its body is not base64');
  const decoded = Buffer.from(text, 'base64');
  // A plain Uint8Array, not a Buffer (whose slice() shares memory).
  return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
}

/** What a confidential stage binds of the header: its first seven fields, the stages that ran before it, the metadata marker. */
function boundHeader(head: readonly unknown[], before: Steps, meta: unknown): string {
  return JSON.stringify([...head, before, meta]);
}

function stored(metadata: MessageMetadata): StoredMetadata {
  return { u: metadata.userId, c: metadata.conversationId, r: metadata.correlationId, h: metadata.headers } as StoredMetadata;
}

function parseObject(text: string): StoredMetadata | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as StoredMetadata) : undefined;
  } catch {
    return undefined;
  }
}

function isHeader(h: readonly unknown[]): h is Header {
  const [, serializer, type, createdAt, maxRetries, delayMs, encoding, steps, meta] = h;
  return (
    typeof serializer === 'string' &&
    typeof type === 'string' &&
    typeof createdAt === 'number' &&
    typeof maxRetries === 'number' &&
    typeof delayMs === 'number' &&
    (encoding === 'binary' || encoding === 'base64') &&
    Array.isArray(steps) &&
    steps.every((s) => Array.isArray(s) && s.length === 2 && typeof s[0] === 'string' && typeof s[1] === 'string') &&
    (meta === null || meta === SEALED || (typeof meta === 'object' && !Array.isArray(meta)))
  );
}
