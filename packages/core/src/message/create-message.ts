import { ValidationError } from '../errors/validation-error.js';
import { assertJsonSerializable } from './assert-json-serializable.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_PRIORITY, type CreateMessageOptions, type MessageMetadata, type QueueMessage } from './queue-message.js';
import { checkDeduplication, checkGroupId } from './seam-fields.js';
import {
  assertHeaders,
  describeValue,
  validateDelayMs,
  validateHeaders,
  validateMaxRetries,
  validateMessageId,
  validateMessageType,
  validateOptionalString,
  validatePriority,
} from './validate.js';

const KNOWN_OPTIONS = new Set(['priority', 'maxRetries', 'delayMs', 'userId', 'conversationId', 'correlationId', 'headers', 'id', 'deduplication', 'groupId']);

/** Builds a validated message. Pure: nothing is enqueued. */
export function createMessage<T>(type: string, payload: T, options: CreateMessageOptions | undefined, now: number, newId: () => string): QueueMessage<T> {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid message options ${describeValue(options)}: use an object or leave it out.`, {
      field: 'options',
    });
  }
  const opts = options ?? {};
  for (const key in opts) {
    if (!Object.prototype.hasOwnProperty.call(opts, key)) continue;
    if (!KNOWN_OPTIONS.has(key)) {
      throw new ValidationError('MQ_INVALID_ARGUMENT', `Unknown message option "${key}": use ${[...KNOWN_OPTIONS].join(', ')}.`, { field: key });
    }
  }
  validateMessageType(type);
  assertJsonSerializable(payload);
  const priority = opts.priority === undefined ? DEFAULT_PRIORITY : validatePriority(opts.priority);
  const maxRetries = opts.maxRetries === undefined ? DEFAULT_MAX_RETRIES : validateMaxRetries(opts.maxRetries);
  const delayMs = opts.delayMs === undefined ? 0 : validateDelayMs(opts.delayMs);
  const id = opts.id === undefined ? newId() : validateMessageId(opts.id);
  const metadata = buildMetadata(opts);
  const message = { id, type, payload, priority, createdAt: now, delayMs, availableAt: now + delayMs, attempts: 0, maxRetries, metadata };
  // The seams' fields only when given: a message without them keeps its shape (and its cost).
  return opts.deduplication === undefined && opts.groupId === undefined ? message : withSeams(message, opts);
}

function withSeams<T>(message: QueueMessage<T>, opts: CreateMessageOptions): QueueMessage<T> {
  const out: { -readonly [K in keyof QueueMessage<T>]: QueueMessage<T>[K] } = { ...message };
  if (opts.deduplication !== undefined) out.deduplication = checkDeduplication(opts.deduplication, 'MQ_INVALID_MESSAGE');
  if (opts.groupId !== undefined) out.groupId = checkGroupId(opts.groupId, 'MQ_INVALID_ARGUMENT');
  return out;
}

function buildMetadata(opts: CreateMessageOptions): MessageMetadata {
  if (opts.userId === undefined && opts.conversationId === undefined && opts.correlationId === undefined && opts.headers === undefined) return { headers: {} };
  const userId = validateOptionalString(opts.userId, 'userId');
  const conversationId = validateOptionalString(opts.conversationId, 'conversationId');
  const correlationId = validateOptionalString(opts.correlationId, 'correlationId');
  // The keys in the order spreading gave them, without the temporary objects.
  const metadata = {} as { -readonly [K in keyof MessageMetadata]: MessageMetadata[K] };
  if (userId !== undefined) metadata.userId = userId;
  if (conversationId !== undefined) metadata.conversationId = conversationId;
  if (correlationId !== undefined) metadata.correlationId = correlationId;
  metadata.headers = validateHeaders(opts.headers);
  return metadata;
}

/** Re-checks a message at enqueue: it may have been built by hand or changed after createMessage(). */
export function validateMessage(message: unknown): QueueMessage {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw new ValidationError('MQ_INVALID_MESSAGE', `Invalid message ${describeValue(message)}: pass a message made by queue.createMessage().`, {
      field: 'message',
    });
  }
  const m = message as QueueMessage;
  validateMessageId(m.id);
  validateMessageType(m.type);
  validatePriority(m.priority);
  validateDelayMs(m.delayMs);
  validateMaxRetries(m.maxRetries);
  assertJsonSerializable(m.payload);
  if (typeof m.createdAt !== 'number' || !Number.isFinite(m.createdAt)) {
    throw new ValidationError('MQ_INVALID_MESSAGE', 'Invalid message: createdAt must be a number (epoch ms). Use queue.createMessage().', {
      field: 'createdAt',
    });
  }
  if (typeof m.metadata !== 'object' || m.metadata === null) {
    throw new ValidationError('MQ_INVALID_MESSAGE', 'Invalid message: metadata is missing. Use queue.createMessage().', { field: 'metadata' });
  }
  validateOptionalString(m.metadata.userId, 'userId');
  validateOptionalString(m.metadata.conversationId, 'conversationId');
  validateOptionalString(m.metadata.correlationId, 'correlationId');
  assertHeaders(m.metadata.headers);
  if (m.deduplication !== undefined) checkDeduplication(m.deduplication, 'MQ_INVALID_MESSAGE');
  if (m.groupId !== undefined) checkGroupId(m.groupId, 'MQ_INVALID_MESSAGE');
  return m;
}
