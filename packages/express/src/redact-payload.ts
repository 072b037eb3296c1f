import type { MessageMetadata } from '@mq/core';

/** What a redacted listing shows instead of a payload. */
export const REDACTED = '[redacted]';

/**
 * A stored message (a dead letter, an admin MessageInfo) as `redactPayloads: true` shows it: the
 * payload and the personal metadata (userId, conversationId, header values) replaced, the rest
 * (id, type, attempts, errors, times) kept.
 */
export function redactPayload<T extends { readonly payload: unknown; readonly metadata: MessageMetadata }>(message: T): Omit<T, 'payload'> & { payload: string; redacted: true } {
  const { userId, conversationId, headers, ...kept } = message.metadata;
  return {
    ...message,
    payload: REDACTED,
    metadata: {
      ...kept,
      ...(userId === undefined ? {} : { userId: REDACTED }),
      ...(conversationId === undefined ? {} : { conversationId: REDACTED }),
      headers: Object.fromEntries(Object.keys(headers ?? {}).map((name) => [name, REDACTED])),
    },
    redacted: true,
  };
}
