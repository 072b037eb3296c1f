import type { RecordData } from '../provider/queue-provider.js';

/**
 * When a message re-scheduled by LongDelays is due, kept with the record itself: a prefix
 * `mq-due:<epoch ms>\n` in front of its data (bytes: the same prefix in UTF-8), and in front of
 * the lastError text for a retry's backoff (a release cannot change the data). The core's own
 * data never starts with "m" (an envelope starts with its header), so a record without the
 * prefix is told apart at once, and stripping gives back the data exactly as it was.
 */
const PREFIX = 'mq-due:';
const PREFIX_BYTES = new TextEncoder().encode(PREFIX);
const NEWLINE = 10;
const encoder = new TextEncoder();

export function markDue(dueAt: number, data: RecordData): RecordData {
  if (typeof data === 'string') return `${PREFIX}${dueAt}\n${data}`;
  const head = encoder.encode(`${PREFIX}${dueAt}\n`);
  const out = new Uint8Array(head.length + data.length);
  out.set(head);
  out.set(data, head.length);
  return out;
}

/** The due time and the data without the prefix; dueAt undefined when the data has none. */
export function readDue<D extends RecordData>(data: D): { dueAt: number | undefined; data: D } {
  if (typeof data === 'string') {
    if (!data.startsWith(PREFIX)) return { dueAt: undefined, data };
    const end = data.indexOf('\n', PREFIX.length);
    return { dueAt: Number(data.slice(PREFIX.length, end)), data: data.slice(end + 1) as D };
  }
  const bytes = data as Uint8Array;
  if (bytes.length < PREFIX_BYTES.length || PREFIX_BYTES.some((b, i) => bytes[i] !== b)) return { dueAt: undefined, data };
  const end = bytes.indexOf(NEWLINE, PREFIX_BYTES.length);
  let dueAt = 0;
  for (let i = PREFIX_BYTES.length; i < end; i++) dueAt = dueAt * 10 + ((bytes[i] as number) - 48);
  return { dueAt, data: bytes.subarray(end + 1) as D };
}
