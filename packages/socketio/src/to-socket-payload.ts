import type { ActivityEvent, ErrorInfo } from '@mq/core';

/** What a client receives for a processed (or dead-lettered) message. */
export interface QueueEventPayload {
  queueName: string;
  messageId: string;
  type: string;
  status: 'completed' | 'deadLetter';
  payload: unknown;
  priority: number;
  attempts: number;
  userId?: string;
  conversationId?: string;
  correlationId?: string;
  /** When it completed or was dead-lettered (ISO 8601). */
  at: string;
  /** For dead letters: the last error's name, message and code. */
  error?: ErrorInfo;
}

export function toSocketPayload(event: ActivityEvent): QueueEventPayload {
  const { message } = event;
  const { userId, conversationId, correlationId } = message.metadata;
  return {
    queueName: event.queueName,
    messageId: message.id,
    type: message.type,
    status: event.event,
    payload: message.payload,
    priority: message.priority,
    attempts: message.attempts,
    ...(userId === undefined ? {} : { userId }),
    ...(conversationId === undefined ? {} : { conversationId }),
    ...(correlationId === undefined ? {} : { correlationId }),
    at: new Date(event.at).toISOString(),
    ...(event.error === undefined ? {} : { error: event.error }),
  };
}
