import type { EventEmitter } from 'eventemitter3';
import type { Clock } from '../clock/clock.js';
import { ValidationError } from '../errors/validation-error.js';
import { carryEnqueueHeaders } from '../instrumentation/enqueue-carriers.js';
import type { InstrumentationRegistry } from '../instrumentation/instrumentation-registry.js';
import { validateMessage } from '../message/create-message.js';
import type { MessageSerializer } from '../message/message-serializer.js';
import type { QueueMessage } from '../message/queue-message.js';
import type { QueueNameCheck } from '../message/validate.js';
import { refuseUnsupportedSeams } from '../capabilities/refuse-unsupported-seams.js';
import type { EnqueueRecord, EnqueueResult } from '../provider/queue-provider.js';
import type { AppQueues } from './app-queues.js';
import type { ProviderGateway } from './provider-gateway.js';
import type { QueueEventMap } from './queue-events.js';
import { retryEnqueue } from './enqueue-retry.js';
import { standingIds } from './standing-ids.js';

export interface MessageProducerDeps {
  readonly gateway: ProviderGateway;
  readonly serializer: MessageSerializer;
  readonly queues: AppQueues;
  readonly events: EventEmitter<QueueEventMap>;
  readonly instrumentation: InstrumentationRegistry;
  readonly names: QueueNameCheck;
  readonly clock: Clock;
  /** Transient failures (MQ_PROVIDER_UNAVAILABLE) are retried for this long; 0 = not at all. */
  readonly enqueueTimeoutMs: number;
}

/** enqueue() and enqueueMany() of a MessageQueue: checks new messages, encodes them and stores them. */
export class MessageProducer {
  constructor(private readonly deps: MessageProducerDeps) {}

  async enqueue(queueName: string, message: QueueMessage): Promise<string> {
    // enqueueMany() for one message, without its arrays: this runs for every message.
    const { gateway, serializer, queues, events, instrumentation, names } = this.deps;
    names.check(queueName);
    const checked = validateMessage(message);
    // Seams the provider lacks (deduplication, groups) are refused before anything is stored: MQ_UNSUPPORTED.
    if (checked.deduplication !== undefined || checked.groupId !== undefined) refuseUnsupportedSeams(gateway.session, checked);
    if (serializer.staged || instrumentation.enqueues !== undefined) return (await this.store(queueName, [checked]))[0] as string;
    const record = serializer.toRecord(checked);
    const provider = gateway.unobserved('enqueue');
    queues.use(queueName);
    let result: EnqueueResult;
    try {
      result = provider === undefined ? await gateway.enqueue(queueName, [record]) : await provider.doEnqueue(queueName, [record]);
    } catch (error) {
      // Only a failed enqueue comes here: the retries cost nothing on the way that succeeds.
      const failure = provider === undefined ? error : gateway.failure('enqueue', error);
      result = await retryEnqueue(gateway, this.deps.clock, queueName, [record], failure, this.deps.enqueueTimeoutMs);
    }
    if (result.duplicateIds.length > 0) throw duplicateError(queueName, result.duplicateIds);
    if (result.deduplicated !== undefined && result.deduplicated.length > 0) return standingIds(queueName, [checked], result, events)[0] as string;
    if (events.listenerCount('enqueued') > 0) events.emit('enqueued', { queueName, message: checked });
    return checked.id;
  }

  async enqueueMany(queueName: string, messages: readonly QueueMessage[]): Promise<string[]> {
    this.deps.names.check(queueName);
    if (!Array.isArray(messages)) {
      throw new ValidationError('MQ_INVALID_ARGUMENT', 'enqueueMany takes an array of messages made by createMessage().', { field: 'messages' });
    }
    const checked = messages.map((m) => validateMessage(m));
    if (checked.length > 1 && new Set(checked.map((m) => m.id)).size !== checked.length) {
      throw new ValidationError('MQ_DUPLICATE_MESSAGE_ID', 'enqueueMany got the same message id twice; each message needs its own id.', { field: 'id' });
    }
    if (checked.length === 0) return [];
    for (const m of checked) if (m.deduplication !== undefined || m.groupId !== undefined) refuseUnsupportedSeams(this.deps.gateway.session, m);
    return this.store(queueName, checked);
  }

  /** Checked messages → onEnqueue hooks (headers from their carriers) → pipeline → provider; all or none. */
  private async store(queueName: string, checked: readonly QueueMessage[]): Promise<string[]> {
    const { gateway, serializer, queues, events, instrumentation, clock } = this.deps;
    const startedAt = clock.now();
    const carried = instrumentation.enqueues === undefined ? undefined : carryEnqueueHeaders(instrumentation, queueName, checked);
    const stored = carried?.messages ?? checked;
    let result: EnqueueResult;
    try {
      let records: EnqueueRecord[];
      if (serializer.staged) {
        // Whether the provider stores bytes is known once open.
        gateway.session.requireOpen('enqueue');
        const binary = gateway.session.capabilities.binaryData;
        const staged = serializer.toStagedRecords(stored, queueName, binary);
        records = staged instanceof Promise ? await staged : staged;
      } else {
        records = stored.map((m) => serializer.toRecord(m));
      }
      queues.use(queueName);
      result = await gateway.enqueue(queueName, records).catch((error: unknown) => retryEnqueue(gateway, clock, queueName, records, error, this.deps.enqueueTimeoutMs));
      if (result.duplicateIds.length > 0) throw duplicateError(queueName, result.duplicateIds);
    } catch (error) {
      if (carried !== undefined) instrumentation.finish(carried.callbacks, { ok: false, error, durationMs: clock.now() - startedAt });
      throw error;
    }
    if (carried !== undefined) instrumentation.finish(carried.callbacks, { ok: true, durationMs: clock.now() - startedAt });
    if (result.deduplicated !== undefined && result.deduplicated.length > 0) return standingIds(queueName, stored, result, events);
    if (events.listenerCount('enqueued') > 0) for (const message of stored) events.emit('enqueued', { queueName, message });
    return stored.map((m) => m.id);
  }
}

function duplicateError(queueName: string, ids: readonly string[]): ValidationError {
  return new ValidationError('MQ_DUPLICATE_MESSAGE_ID', `Queue "${queueName}" already holds message id(s) ${ids.join(', ')}; nothing was enqueued.`, {
    field: 'id',
    ids,
  });
}
