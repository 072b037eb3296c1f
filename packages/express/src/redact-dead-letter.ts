import type { DeadLetter } from '@mq/core';

/** What a redacted listing shows instead of a payload. */
export const REDACTED = '[redacted]';

/**
 * A dead letter as `redactPayloads: true` lists it: the payload and the personal metadata
 * (userId, conversationId, headers) replaced, the rest (id, type, attempts, error, times) kept.
 */
export function redactDeadLetter(letter: DeadLetter): DeadLetter & { redacted: true } {
  const { userId, conversationId, headers, ...kept } = letter.metadata;
  return {
    ...letter,
    payload: REDACTED,
    metadata: {
      ...kept,
      ...(userId === undefined ? {} : { userId: REDACTED }),
      ...(conversationId === undefined ? {} : { conversationId: REDACTED }),
      headers: Object.fromEntries(Object.keys(headers).map((name) => [name, REDACTED])),
    },
    redacted: true,
  };
}
