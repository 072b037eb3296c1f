import type { RecordData } from '../provider/queue-provider.js';

const decoder = new TextDecoder();

/** A record's data as text: strings as they are, bytes (a binary-data provider) as UTF-8. */
export function recordText(data: RecordData): string {
  return typeof data === 'string' ? data : decoder.decode(data);
}
