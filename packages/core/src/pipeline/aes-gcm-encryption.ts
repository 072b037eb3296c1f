import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { ValidationError } from '../errors/validation-error.js';
import { describeValue } from '../message/validate.js';
import type { PayloadStage, StageContext, StageOutput } from './payload-stage.js';
import { readEncryptionKey } from './encryption-key.js';
import { randomIv } from './random-iv.js';
import { StageFailure } from './stage-failure.js';

/** The stage's name in stored headers; a queue without it that meets such a record reads it as 'unknown-key'. */
export const AES_GCM_STAGE_NAME = 'aes-256-gcm';
/** A key id: stored in every header (never secret), so short and plain; no ':' or ',' (MQ_ENCRYPTION_KEYS separators). */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD_LABEL = 'mq-aes-256-gcm/1';

export interface AesGcmEncryptionOptions {
  /** Key id → 32-byte key (a Uint8Array, or the base64 text of 32 bytes). Every key here can read; only the active one writes. */
  readonly keys: Readonly<Record<string, Uint8Array | string>>;
  /** The id of the key new messages (and reencrypt()) are written with. */
  readonly activeKeyId: string;
}

/** The encryption stage: a PayloadStage that also tells which key writes and which keys read. */
export interface EncryptionStage extends PayloadStage {
  readonly confidential: true;
  readonly activeKeyId: string;
  /** Every key id this stage can read, the active one first. */
  readonly keyIds: readonly string[];
}

/**
 * AES-256-GCM as a confidential pipeline stage (docs/encryption.md): a fresh random 96-bit IV per
 * message; the body is IV ‖ ciphertext ‖ 128-bit tag; the key id is the stage's `params` in the
 * header; the additional authenticated data binds the ciphertext to its queue name, message id,
 * key id and the rest of the stored header. Bad options fail at once with MQ_INVALID_CONFIG,
 * naming the problem and never a key.
 */
export function aesGcmEncryption(options: AesGcmEncryptionOptions): EncryptionStage {
  if (typeof options !== 'object' || options === null) throw invalid('options', `Invalid aesGcmEncryption() options ${describeValue(options)}: use { keys: { id: key32 }, activeKeyId }.`);
  const { keys, activeKeyId } = options;
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys) || keys instanceof Uint8Array) {
    throw invalid('keys', 'aesGcmEncryption() needs keys: an object of key id → 32-byte key (Uint8Array or base64 text).');
  }
  const byId = new Map<string, KeyObject>();
  for (const [id, key] of Object.entries(keys)) {
    if (!KEY_ID_PATTERN.test(id)) throw invalid('keys', `Invalid encryption key id ${describeValue(id)}: use 1–64 characters from A-Z a-z 0-9 _ . -`);
    byId.set(id, createSecretKey(readEncryptionKey(key, `key "${id}"`, 'keys')));
  }
  if (byId.size === 0) throw invalid('keys', 'aesGcmEncryption() needs at least one key in keys.');
  if (typeof activeKeyId !== 'string' || !byId.has(activeKeyId)) {
    throw invalid('activeKeyId', `Invalid activeKeyId ${describeValue(activeKeyId)}: it must name one of the keys (${[...byId.keys()].join(', ')}).`);
  }
  const activeKey = byId.get(activeKeyId) as KeyObject;
  return Object.freeze({
    name: AES_GCM_STAGE_NAME,
    confidential: true as const,
    activeKeyId,
    keyIds: Object.freeze([activeKeyId, ...[...byId.keys()].filter((id) => id !== activeKeyId)]),
    encode: (body: Uint8Array, context: StageContext): StageOutput => ({ body: seal(activeKey, activeKeyId, body, context), params: activeKeyId }),
    decode: (body: Uint8Array, params: string, context: StageContext): Uint8Array => {
      const key = byId.get(params);
      if (key === undefined) throw new StageFailure('unknown-key', `it was encrypted with key "${params}", which this queue does not have (keys: ${[...byId.keys()].join(', ')})`);
      return open(key, params, body, context);
    },
  });
}

function seal(key: KeyObject, keyId: string, body: Uint8Array, context: StageContext): Uint8Array {
  const iv = randomIv(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(keyId, context));
  const head = cipher.update(body);
  const tail = cipher.final();
  const out = new Uint8Array(IV_BYTES + head.length + tail.length + TAG_BYTES);
  out.set(iv); // before the next randomIv() call: the pool's slice is not ours to keep
  out.set(head, IV_BYTES);
  out.set(tail, IV_BYTES + head.length);
  out.set(cipher.getAuthTag(), IV_BYTES + head.length + tail.length);
  return out;
}

function open(key: KeyObject, keyId: string, body: Uint8Array, context: StageContext): Uint8Array {
  if (body.length < IV_BYTES + TAG_BYTES) throw new StageFailure('corrupt', `its encrypted body is ${body.length} bytes, shorter than an IV and a tag`);
  const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(keyId, context));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  const head = decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES));
  let tail: Buffer;
  try {
    tail = decipher.final();
  } catch (error) {
    throw new StageFailure('auth-failed', 'its authentication tag does not verify (tampered, moved to another queue or id, or a wrong key)', { cause: error });
  }
  if (tail.length === 0) return new Uint8Array(head.buffer, head.byteOffset, head.byteLength);
  return Uint8Array.from(Buffer.concat([head, tail]));
}

/**
 * label, queue name, message id, key id and the stored header, NUL-separated (none of them holds a
 * NUL: names and ids are validated, the header is JSON), as UTF-8 in a scratch buffer that the next
 * call overwrites: setAAD() copies it at once. `Buffer.from(text)` here cost ~5 µs a message in
 * the in-memory enqueue profile (a new 8 KB pool every ~50 messages, and the GC of them).
 */
function additionalData(keyId: string, context: StageContext): Uint8Array {
  const text = `${AAD_LABEL}\0${context.queueName}\0${context.messageId}\0${keyId}\0${context.header ?? ''}`;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  if (aadScratch.length < text.length * 3) aadScratch = new Uint8Array(text.length * 3);
  const { written } = utf8.encodeInto(text, aadScratch);
  return aadScratch.subarray(0, written);
}

const utf8 = new TextEncoder();
let aadScratch = new Uint8Array(1024);

function invalid(field: string, message: string): ValidationError {
  return new ValidationError('MQ_INVALID_CONFIG', message, { field });
}
