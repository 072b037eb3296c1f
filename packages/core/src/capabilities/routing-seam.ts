import { ValidationError } from '../errors/validation-error.js';
import { validateMessage } from '../message/create-message.js';
import type { QueueMessage } from '../message/queue-message.js';
import { describeValue, validateQueueName } from '../message/validate.js';
import type { SeamSession } from './refuse-unsupported-seams.js';
import { unsupportedError } from './unsupported-error.js';

/** queue.bind(): messages published to a topic matching `pattern` go to `queue` (seam: capabilities.routing). */
export interface QueueBinding {
  /** Dot-separated words; `*` stands for one word, `#` for any number (e.g. "orders.*", "audit.#"). */
  pattern: string;
  queue: string;
  /** Only messages it returns true for. */
  where?: (message: QueueMessage) => boolean;
}

/** queue.publish() options. */
export interface PublishOptions {
  /** Fail (nothing stored) when no binding matches the topic; default false. */
  mandatory?: boolean;
}

const MAX_LENGTH = 256;
const WORD = /^[A-Za-z0-9_:-]+$/;

/**
 * The seam of routing rules: bind() and publish() check their arguments, then refuse with
 * MQ_UNSUPPORTED. A provider without capabilities.routing cannot store one message in several
 * queues at once; and no version of the core routes yet, so one that has it is refused too
 * (saying so) until routing is built. Nothing is stored either way.
 */
export async function bindRoute(session: SeamSession, binding: QueueBinding): Promise<void> {
  if (typeof binding !== 'object' || binding === null) throw invalid('binding', `${describeValue(binding)}: use { pattern, queue, where? }`);
  checkTopic(binding.pattern, 'pattern', true);
  validateQueueName(binding.queue, 'queue');
  if (binding.where !== undefined && typeof binding.where !== 'function') throw invalid('where', 'must be a function of the message returning true or false');
  refuse(session, 'bind', 'route messages to queues by topic');
}

/** Resolves with the queues the message was stored in, once routing is built; refused until then. */
export async function publishRouted(session: SeamSession, topic: string, message: QueueMessage, options: PublishOptions | undefined): Promise<string[]> {
  checkTopic(topic, 'topic', false);
  validateMessage(message);
  if (options !== undefined && (typeof options !== 'object' || options === null || (options.mandatory !== undefined && typeof options.mandatory !== 'boolean'))) {
    throw invalid('options', `${describeValue(options)}: use { mandatory?: boolean }`);
  }
  return refuse(session, 'publish', 'publish a message to a topic');
}

function refuse(session: SeamSession, operation: string, what: string): never {
  const { name } = session.requireOpen(operation);
  if (!session.capabilities.routing) throw unsupportedError(name, 'routing', what, 'enqueue to each queue yourself; nothing was stored.');
  throw unsupportedError(name, 'routing', `${what} with this version of @mq/core, which does not route yet`, 'enqueue to each queue yourself; nothing was stored.');
}

function checkTopic(value: unknown, field: string, wildcards: boolean): void {
  const words = typeof value === 'string' && value.length <= MAX_LENGTH ? value.split('.') : [];
  if (words.length === 0 || !words.every((word) => WORD.test(word) || (wildcards && (word === '*' || word === '#')))) {
    const allowed = wildcards ? 'words of A-Z a-z 0-9 _ : - (or * for one word, # for any number)' : 'words of A-Z a-z 0-9 _ : -';
    throw invalid(field, `${describeValue(value)}: use up to ${MAX_LENGTH} characters, ${allowed} separated by dots`);
  }
}

function invalid(field: string, what: string): ValidationError {
  return new ValidationError('MQ_INVALID_ARGUMENT', `Invalid ${field} ${what}.`, { field });
}
