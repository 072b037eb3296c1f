import type { EventEmitter } from 'eventemitter3';
import { ValidationError } from '../errors/validation-error.js';
import { validateMessage } from '../message/create-message.js';
import type { MessageSerializer } from '../message/message-serializer.js';
import type { QueueMessage } from '../message/queue-message.js';
import { refuseUnsupportedSeams } from '../capabilities/refuse-unsupported-seams.js';
import { validateQueueName } from '../message/validate.js';
import type { EnqueueResult } from '../provider/queue-provider.js';
import type { AppQueues } from './app-queues.js';
import type { ProviderSession } from './provider-session.js';
import type { QueueEventMap } from './queue-events.js';

export interface MessageProducerDeps {
  readonly session: ProviderSession;
  readonly serializer: MessageSerializer;
  readonly queues: AppQueues;
  readonly events: EventEmitter<QueueEventMap>;
}

/** enqueue() and enqueueMany() of a MessageQueue: checks new messages and stores them. */
export class MessageProducer {
  constructor(private readonly deps: MessageProducerDeps) {}

  async enqueue(queueName: string, message: QueueMessage): Promise<string> {
    // enqueueMany() for one message, without its arrays: this runs for every message.
    const { session, serializer, queues, events } = this.deps;
    validateQueueName(queueName);
    const checked = validateMessage(message);
    const record = serializer.toRecord(checked);
    const provider = session.requireOpen('enqueue');
    if (checked.deduplication !== undefined || checked.groupId !== undefined) refuseUnsupportedSeams(session, checked); // caps: seams, MQ_UNSUPPORTED
    queues.use(queueName);
    let result: EnqueueResult;
    try {
      result = await provider.doEnqueue(queueName, [record]);
    } catch (error) {
      throw session.providerError('enqueue', error);
    }
    if (result.duplicateIds.length > 0) throw duplicateError(queueName, result.duplicateIds);
    if (events.listenerCount('enqueued') > 0) events.emit('enqueued', { queueName, message: checked });
    return checked.id;
  }

  async enqueueMany(queueName: string, messages: readonly QueueMessage[]): Promise<string[]> {
    const { session, serializer, queues, events } = this.deps;
    validateQueueName(queueName);
    if (!Array.isArray(messages)) {
      throw new ValidationError('MQ_INVALID_ARGUMENT', 'enqueueMany takes an array of messages made by createMessage().', { field: 'messages' });
    }
    const checked = messages.map((m) => validateMessage(m));
    if (checked.length > 1 && new Set(checked.map((m) => m.id)).size !== checked.length) {
      throw new ValidationError('MQ_DUPLICATE_MESSAGE_ID', 'enqueueMany got the same message id twice; each message needs its own id.', { field: 'id' });
    }
    if (checked.length === 0) return [];
    const records = checked.map((m) => serializer.toRecord(m));
    for (const m of checked) if (m.deduplication !== undefined || m.groupId !== undefined) refuseUnsupportedSeams(session, m); // caps: seams, MQ_UNSUPPORTED
    queues.use(queueName);
    const result = await session.call('enqueue', (p) => p.doEnqueue(queueName, records));
    if (result.duplicateIds.length > 0) throw duplicateError(queueName, result.duplicateIds);
    if (events.listenerCount('enqueued') > 0) for (const message of checked) events.emit('enqueued', { queueName, message });
    return checked.map((m) => m.id);
  }
}

function duplicateError(queueName: string, ids: readonly string[]): ValidationError {
  return new ValidationError('MQ_DUPLICATE_MESSAGE_ID', `Queue "${queueName}" already holds message id(s) ${ids.join(', ')}; nothing was enqueued.`, {
    field: 'id',
    ids,
  });
}
