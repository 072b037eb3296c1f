import { ValidationError } from '../errors/validation-error.js';
import type { MessageSerializer } from '../message/message-serializer.js';
import type { DeadLetter } from '../message/queue-message.js';
import { validateMessageId, validatePositiveInteger, validateQueueName } from '../message/validate.js';
import type { ProviderGateway } from './provider-gateway.js';

export interface DeadLetterListOptions {
  /** Skip this many (oldest first); default 0. */
  offset?: number;
  /** At most this many; default 100, at most 1000. */
  limit?: number;
}

export interface ReplayResult {
  /** Ids put back in the queue. */
  readonly replayed: string[];
  /** Requested ids that were not in the dead-letter store. */
  readonly notFound: string[];
}

/** The dead-letter operations of a queue: validation here, storage in the provider. */
export class DeadLetterStore {
  constructor(
    private readonly gateway: ProviderGateway,
    private readonly serializer: MessageSerializer,
  ) {}

  async list(queueName: string, options: DeadLetterListOptions = {}): Promise<DeadLetter[]> {
    validateQueueName(queueName);
    const offset = options.offset === undefined || options.offset === 0 ? 0 : validatePositiveInteger(options.offset, 'offset');
    const limit = options.limit === undefined ? 100 : validatePositiveInteger(options.limit, 'limit', 1000);
    const records = await this.gateway.listDeadLetters(queueName, { offset, limit });
    const { serializer } = this;
    // Without pipeline stages every record decodes synchronously; with them, it may take promises (which never reject: see toDeadLetter).
    if (!serializer.staged) return records.map((r) => serializer.toDeadLetter(queueName, r) as DeadLetter);
    return Promise.all(records.map(async (r) => serializer.toDeadLetter(queueName, r)));
  }

  async replay(queueName: string, ids?: readonly string[]): Promise<ReplayResult> {
    validateQueueName(queueName);
    const wanted = checkIds(ids);
    const replayed = await this.gateway.replayDeadLetters(queueName, wanted);
    const moved = new Set(replayed);
    return { replayed, notFound: wanted === undefined ? [] : wanted.filter((id) => !moved.has(id)) };
  }

  async purge(queueName: string, ids?: readonly string[]): Promise<number> {
    validateQueueName(queueName);
    return this.gateway.purgeDeadLetters(queueName, checkIds(ids));
  }
}

function checkIds(ids: readonly string[] | undefined): string[] | undefined {
  if (ids === undefined) return undefined;
  if (!Array.isArray(ids)) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', 'ids must be an array of message ids, or left out for all.', { field: 'ids' });
  }
  return [...new Set(ids.map((id) => validateMessageId(id)))];
}
