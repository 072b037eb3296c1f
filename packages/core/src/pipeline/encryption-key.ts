import { Buffer } from 'node:buffer';
import { ValidationError } from '../errors/validation-error.js';

const KEY_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A 32-byte AES-256 key from a Uint8Array or base64 text (standard or URL-safe alphabet).
 * `what` names the key in errors ("key \"2026-12\""); an error never shows the key itself.
 */
export function readEncryptionKey(key: unknown, what: string, field: string): Buffer {
  let bytes: Buffer;
  if (key instanceof Uint8Array) {
    bytes = Buffer.from(key);
  } else if (typeof key === 'string') {
    const text = key.trim().replace(/-/g, '+').replace(/_/g, '/');
    if (!BASE64.test(text) || text.length % 4 === 1) {
      throw new ValidationError('MQ_INVALID_CONFIG', `Encryption ${what} is not valid base64: give 32 bytes as a Uint8Array or as base64 text (44 characters).`, { field });
    }
    bytes = Buffer.from(text, 'base64');
  } else {
    throw new ValidationError('MQ_INVALID_CONFIG', `Encryption ${what} is ${key === null ? 'null' : typeof key}: give 32 bytes as a Uint8Array or as base64 text.`, { field });
  }
  if (bytes.length !== KEY_BYTES) {
    throw new ValidationError('MQ_INVALID_CONFIG', `Encryption ${what} is ${bytes.length} bytes: AES-256-GCM needs exactly ${KEY_BYTES} bytes.`, { field });
  }
  return bytes;
}
