import { ValidationError } from '../errors/validation-error.js';
import { aesGcmEncryption, KEY_ID_PATTERN, type EncryptionStage } from '../pipeline/aes-gcm-encryption.js';
import { readEncryptionKey } from '../pipeline/encryption-key.js';
import { gzipCompression } from '../pipeline/gzip-compression.js';
import type { PayloadStage } from '../pipeline/payload-stage.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The variables createMessageQueue() reads for the payload pipeline (docs/encryption.md). */
export const PIPELINE_ENV_VARIABLES = Object.freeze([
  Object.freeze({ name: 'MQ_ENCRYPTION_KEYS', description: 'id:base64 pairs of 32-byte AES-256-GCM keys, comma-separated, the first one active: encrypts every stored message.' }),
  Object.freeze({ name: 'MQ_COMPRESSION', description: '"gzip" compresses stored messages of 1024 bytes or more (before encryption); "off" (the default) does not.' }),
]);

/**
 * MQ_ENCRYPTION_KEYS: `id:base64,id:base64`, the first one active; unset or empty: no encryption.
 * Errors name the entry by position and id, never its key.
 */
export function encryptionFromEnv(env: Env): EncryptionStage | undefined {
  const raw = env.MQ_ENCRYPTION_KEYS;
  if (raw === undefined || raw.trim() === '') return undefined;
  const keys: Record<string, Buffer> = {};
  let activeKeyId: string | undefined;
  raw.split(',').forEach((entry, index) => {
    const at = entry.indexOf(':');
    const id = at < 0 ? '' : entry.slice(0, at).trim();
    if (at < 0 || !KEY_ID_PATTERN.test(id) || entry.slice(at + 1).trim() === '') {
      throw invalid(`MQ_ENCRYPTION_KEYS entry ${index + 1} is malformed: use id:base64 pairs separated by commas (ids of 1–64 characters from A-Z a-z 0-9 _ . -, keys of 32 bytes), the first one active.`);
    }
    if (Object.hasOwn(keys, id)) throw invalid(`MQ_ENCRYPTION_KEYS names key id "${id}" twice: each id once.`);
    keys[id] = readEncryptionKey(entry.slice(at + 1), `key "${id}" of MQ_ENCRYPTION_KEYS`, 'MQ_ENCRYPTION_KEYS');
    activeKeyId ??= id;
  });
  return aesGcmEncryption({ keys, activeKeyId: activeKeyId as string });
}

/** MQ_COMPRESSION: `gzip` (gzipCompression() with its defaults) or `off`; unset or empty: off. */
export function compressionFromEnv(env: Env): PayloadStage | undefined {
  const raw = env.MQ_COMPRESSION?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === 'off') return undefined;
  if (raw === 'gzip') return gzipCompression();
  throw new ValidationError('MQ_INVALID_CONFIG', `Invalid MQ_COMPRESSION ${JSON.stringify(env.MQ_COMPRESSION)}: use "gzip" or "off".`, { field: 'MQ_COMPRESSION', allowed: ['gzip', 'off'] });
}

function invalid(message: string): ValidationError {
  return new ValidationError('MQ_INVALID_CONFIG', message, { field: 'MQ_ENCRYPTION_KEYS' });
}
