import { isMqError, type MessageQueue } from '@mq/core';
import type { Ledger } from '../ledger/ledger-entry.js';

/** Errors a queue reported through its `error` event, by code (or "other"). */
export type ErrorCounts = Record<string, number>;

/**
 * Writes what the store agreed to into the ledger: `acked` on completed, `deadLetter` on
 * deadLetter, `leaseLost` when an ack/nack was fenced off. Returns the error counts it keeps.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function recordQueueEvents(queue: MessageQueue<any>, ledger: Ledger, pid: number, now: () => number): ErrorCounts {
  const errors: ErrorCounts = {};
  queue.on('completed', ({ message }) => ledger.append({ kind: 'acked', id: message.id, pid, attempt: message.attempts, at: now() }));
  queue.on('deadLetter', ({ message, error }) => {
    const code = isMqError(error) ? error.code : error.message;
    ledger.append({ kind: 'deadLetter', id: message.id, pid, attempt: message.attempts, at: now(), error: code });
  });
  queue.on('error', (error) => {
    const code = isMqError(error) ? error.code : 'other';
    errors[code] = (errors[code] ?? 0) + 1;
    if (isMqError(error, 'MQ_LEASE_LOST')) {
      const id = String(error.details.messageId);
      ledger.append({ kind: 'leaseLost', id, pid, attempt: 0, at: now() });
    }
  });
  return errors;
}
