import { ValidationError, validateQueueName } from '@mq/core';
import type { QueueEventsOptions } from './queue-events-options.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const HOOKS = ['initialRooms', 'rooms', 'payload', 'onError'] as const;

function invalidConfig(message: string, field: string): ValidationError {
  return new ValidationError('MQ_INVALID_CONFIG', message, { field });
}

/**
 * Fails before anything is subscribed: an `io` or `queue` of the wrong kind is MQ_INVALID_ARGUMENT,
 * options that could never route an event MQ_INVALID_CONFIG (bad queue names MQ_INVALID_QUEUE_NAME).
 */
export function checkQueueEventsArguments(io: unknown, queue: unknown, options: unknown): asserts options is QueueEventsOptions {
  // A Server has of(); a Namespace has `local` (what we emit through). Both are event emitters.
  const looksLikeIo = isObject(io) && typeof io.on === 'function' && typeof io.off === 'function' && (typeof io.of === 'function' || 'local' in io);
  if (!looksLikeIo) throw new ValidationError('MQ_INVALID_ARGUMENT', 'attachQueueEvents needs a Socket.IO Server or Namespace as its first argument.', { field: 'io' });
  if (!isObject(queue) || typeof queue.subscribeEvents !== 'function') {
    throw new ValidationError('MQ_INVALID_ARGUMENT', 'attachQueueEvents needs a MessageQueue (from createMessageQueue() or new MessageQueue()) as its second argument.', {
      field: 'queue',
    });
  }
  if (!isObject(options)) throw invalidConfig('attachQueueEvents needs options: { events, authorize, … }.', 'options');
  checkEventNames(options.events, 'events');
  if (options.deadLetterEvents !== undefined) checkEventNames(options.deadLetterEvents, 'deadLetterEvents');
  if (typeof options.authorize !== 'function') {
    throw invalidConfig('attachQueueEvents needs an authorize(socket, room) hook: it decides which rooms a socket may join.', 'authorize');
  }
  for (const hook of HOOKS) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function') throw invalidConfig(`attachQueueEvents: ${hook} must be a function.`, hook);
  }
}

function checkEventNames(events: unknown, field: 'events' | 'deadLetterEvents'): void {
  if (!isObject(events)) {
    throw invalidConfig(`attachQueueEvents: ${field} must be an object of queue name → event name, e.g. { chat_messages: 'queue_processed_chat' }.`, field);
  }
  for (const [queueName, event] of Object.entries(events)) {
    validateQueueName(queueName, field);
    if (typeof event !== 'string' || event.length === 0) throw invalidConfig(`The event name for queue "${queueName}" must be a non-empty string.`, `${field}.${queueName}`);
  }
}
