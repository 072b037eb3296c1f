import { ValidationError } from '../errors/validation-error.js';
import type { EnqueueRecord, EnqueueResult, QueueProvider } from '../provider/queue-provider.js';
import type { ProviderCapabilities } from '../provider/provider-capabilities.js';
import { enqueueParts } from './enqueue-parts.js';
import { ForwardingProvider } from './forwarding-provider.js';

/**
 * Where a batch is not stored atomically (capabilities.atomicBatchEnqueue false, or priorities
 * emulated over several store queues). For a store without atomic batches, enqueueMany() sends
 * its records one by one, in order; each is stored or refused on its own. A duplicate id then
 * fails the call with MQ_DUPLICATE_MESSAGE_ID saying that other messages of the batch may be
 * stored (with an atomic batch, nothing is): the caller should not simply send it all again.
 */
export class NonAtomicBatches extends ForwardingProvider {
  constructor(
    inner: QueueProvider,
    capabilities: ProviderCapabilities,
    private readonly recordByRecord: boolean,
  ) {
    super(inner, capabilities);
  }

  override async doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    if (records.length <= 1) return this.inner.doEnqueue(queueName, records);
    const result = this.recordByRecord ? await enqueueParts(records.map((record) => [record]), (part) => this.inner.doEnqueue(queueName, part)) : await this.inner.doEnqueue(queueName, records);
    if (result.duplicateIds.length === 0) return result;
    const ids = result.duplicateIds;
    throw new ValidationError(
      'MQ_DUPLICATE_MESSAGE_ID',
      `Queue "${queueName}" already holds message id(s) ${ids.join(', ')}. Batches on the ${this.name} provider are not atomic (capabilities.atomicBatchEnqueue): other messages of this batch may have been stored.`,
      { field: 'id', ids },
    );
  }
}
