import type { RecordData } from '../provider/queue-provider.js';
import { AES_GCM_STAGE_NAME } from './aes-gcm-encryption.js';

const decoder = new TextDecoder();

/** The encryption key id a stored record's header names, or undefined (plaintext, or unreadable: the caller decodes it to tell). */
export function storedKeyId(data: RecordData): string | undefined {
  const end = typeof data === 'string' ? data.indexOf('\n') : data.indexOf(10);
  if (end < 0) return undefined;
  const text = typeof data === 'string' ? data.slice(0, end) : decoder.decode(data.subarray(0, end));
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(header) || header[0] !== 2 || !Array.isArray(header[7])) return undefined;
  for (const step of header[7] as unknown[]) if (Array.isArray(step) && step[0] === AES_GCM_STAGE_NAME && typeof step[1] === 'string') return step[1];
  return undefined;
}
