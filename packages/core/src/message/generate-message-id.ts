import { randomBytes } from 'node:crypto';

/** 72 random bits per process, in 12 base64url characters (all allowed in ids). */
const PROCESS_PREFIX = `${randomBytes(9).toString('base64url')}.`;
let counter = 0;

/**
 * The default id of a new message: a random per-process prefix, a dot and a base-36 counter
 * (e.g. `Xq3v_9aZk2Lm.1a4`). Unique across processes (as a Redis queue shared by many needs)
 * without a random UUID per message: shorter to store and compare, and nothing to draw from the
 * random pool. Ids are not secret and say nothing about order across processes.
 */
export function generateMessageId(): string {
  // join() makes one flat string; `+` would make a rope of two (more objects to store and trace).
  return [PROCESS_PREFIX, (counter++).toString(36)].join('');
}
