import { createHash } from 'node:crypto';
import { ValidationError } from '@mq/core/provider';

/** SQS: a queue name is 1–80 characters of [A-Za-z0-9_-], and a FIFO queue's ends in ".fifo". */
export const SQS_QUEUE_NAME_MAX_LENGTH = 80;
const FIFO_SUFFIX = '.fifo';
/** Ends a dead-letter queue's name (after the escaped name, so it cannot come from a queue name). */
const DEAD_LETTER_MARK = '_q';
/** Stands before the hash of a name too long to keep whole. */
const HASH_MARK = '_h';
const PREFIX_PATTERN = /^[A-Za-z0-9_-]{0,40}$/;

/** Where the two SQS queues of one store queue live, by name. */
export interface SqsQueueNames {
  readonly main: string;
  readonly deadLetters: string;
  /** True when the names carry a hash (the name was too long): doListQueues reads the queue's tag. */
  readonly hashed: boolean;
}

/** Throws MQ_INVALID_CONFIG unless `prefix` fits an SQS name (0–40 characters of [A-Za-z0-9_-]). */
export function checkSqsPrefix(prefix: string, field = 'prefix'): string {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new ValidationError('MQ_INVALID_CONFIG', `Invalid SQS queue-name ${field} "${prefix.slice(0, 60)}": use 0–40 characters of A-Z a-z 0-9 _ - (SQS queue names allow nothing else).`, { field });
  }
  return prefix;
}

/**
 * Maps a store queue name (already valid: [A-Za-z0-9_.:-]{1,128}) into SQS's rules, one to one:
 * "_" becomes "__", "." "_d" and ":" "_c" (so `orders:mq-p5` is `orders_cmq-p5`), behind the
 * prefix; the dead-letter queue adds "_q". A name that would pass 80 characters (with ".fifo")
 * keeps its first characters and ends in "_h" and 16 hex digits of its SHA-256.
 */
export function sqsQueueNames(prefix: string, queueName: string, fifo: boolean): SqsQueueNames {
  const escaped = escapeName(queueName);
  const suffix = fifo ? FIFO_SUFFIX : '';
  const room = SQS_QUEUE_NAME_MAX_LENGTH - prefix.length - DEAD_LETTER_MARK.length - suffix.length;
  if (escaped.length <= room) {
    return { main: `${prefix}${escaped}${suffix}`, deadLetters: `${prefix}${escaped}${DEAD_LETTER_MARK}${suffix}`, hashed: false };
  }
  const hash = createHash('sha256').update(queueName).digest('hex').slice(0, 16);
  const kept = escaped.slice(0, room - HASH_MARK.length - hash.length).replace(/_$/, '');
  const base = `${prefix}${kept}${HASH_MARK}${hash}`;
  return { main: `${base}${suffix}`, deadLetters: `${base}${DEAD_LETTER_MARK}${suffix}`, hashed: true };
}

/** What an SQS queue name under `prefix` holds: a store queue's main or dead-letter queue, a hashed name, or nothing of ours. */
export type ParsedSqsName = { readonly kind: 'main' | 'deadLetters'; readonly queueName: string } | { readonly kind: 'hashed' } | undefined;

/** Reads back a name made by sqsQueueNames (left to right: each "_" starts a two-character escape). */
export function parseSqsQueueName(prefix: string, sqsName: string, fifo: boolean): ParsedSqsName {
  if (!sqsName.startsWith(prefix)) return undefined;
  let body = sqsName.slice(prefix.length);
  if (fifo) {
    if (!body.endsWith(FIFO_SUFFIX)) return undefined;
    body = body.slice(0, -FIFO_SUFFIX.length);
  } else if (body.endsWith(FIFO_SUFFIX)) return undefined;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '_') {
      out += c;
      continue;
    }
    const next = body[++i];
    if (next === '_') out += '_';
    else if (next === 'd') out += '.';
    else if (next === 'c') out += ':';
    else if (next === 'q' && i === body.length - 1) return out === '' ? undefined : { kind: 'deadLetters', queueName: out };
    else if (next === 'h') return { kind: 'hashed' };
    else return undefined;
  }
  return out === '' ? undefined : { kind: 'main', queueName: out };
}

function escapeName(queueName: string): string {
  return queueName.replace(/[_.:]/g, (c) => (c === '_' ? '__' : c === '.' ? '_d' : '_c'));
}
