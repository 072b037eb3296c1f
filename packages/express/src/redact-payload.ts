import type { MessageMetadata } from '@mq/core';

/** What a redacted listing shows instead of a payload. */
export const REDACTED = '[redacted]';

/**
 * A stored message (a dead letter, an admin MessageInfo) as `redactPayloads: true` shows it: the
 * payload and the personal metadata (userId, conversationId, header values) replaced, error stacks
 * left out (a stack can quote the payload), the rest (id, type, attempts, error names and messages,
 * times) kept.
 */
export function redactPayload<T extends { readonly payload: unknown; readonly metadata: MessageMetadata }>(message: T): Omit<T, 'payload'> & { payload: string; redacted: true } {
  const { userId, conversationId, headers, ...kept } = message.metadata;
  const errors = message as { error?: unknown; lastError?: unknown };
  return {
    ...message,
    ...withoutStack('error', errors.error),
    ...withoutStack('lastError', errors.lastError),
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

/** An error field without its stack (a stack can quote what the payload held). */
function withoutStack(field: string, error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null || !('stack' in error)) return {};
  const { stack: _stack, ...rest } = error as Record<string, unknown>;
  return { [field]: rest };
}
