import { MqError } from '../errors/mq-error.js';
import type { QueueProvider } from '../provider/queue-provider.js';

/** A store that spreads partitioned queues over store queues of its own (doPartitionQueueName). */
export type PartitioningStore = QueueProvider & Required<Pick<QueueProvider, 'doPartitionQueueName' | 'doPeekReady' | 'doReadQueueSettings' | 'doDeclareQueue'>>;

export function isPartitioningStore(provider: QueueProvider): provider is PartitioningStore {
  return provider.doPartitionQueueName !== undefined && provider.doPeekReady !== undefined && provider.doReadQueueSettings !== undefined && provider.doDeclareQueue !== undefined;
}

/** The queue a store queue belongs to: the text before '#' (a partition's store queue), else the name itself. */
export function queueOfStoreQueue(storeQueue: string): string {
  const mark = storeQueue.indexOf('#');
  return mark < 0 ? storeQueue : storeQueue.slice(0, mark);
}

/**
 * How many partitions each queue has in this process, and their store queues. The count is read
 * from the store at a queue's first use here (doReadQueueSettings; none stored: 1) and set by
 * declareQueue; it is kept for the life of the process, so every process that uses a queue
 * before it is declared elsewhere must declare it too (docs/guide.md, "Partitioned queues").
 */
export class PartitionLayout {
  private readonly counts = new Map<string, number>();
  private readonly reading = new Map<string, Promise<number>>();
  private readonly names = new Map<string, readonly string[]>();

  constructor(private readonly store: PartitioningStore) {}

  /** The count if known in this process (no await on the hot path), else undefined. */
  known(queueName: string): number | undefined {
    return this.counts.get(queueName);
  }

  /** The count, read from the store once per queue. */
  count(queueName: string): Promise<number> | number {
    const known = this.counts.get(queueName);
    if (known !== undefined) return known;
    let reading = this.reading.get(queueName);
    if (reading === undefined) {
      reading = this.store.doReadQueueSettings(queueName).then(
        (settings) => {
          this.reading.delete(queueName);
          // A declareQueue that finished meanwhile wins.
          if (!this.counts.has(queueName)) this.counts.set(queueName, settings?.partitions ?? 1);
          return this.counts.get(queueName) as number;
        },
        (error: unknown) => {
          this.reading.delete(queueName);
          throw error;
        },
      );
      this.reading.set(queueName, reading);
    }
    return reading;
  }

  set(queueName: string, partitions: number): void {
    this.counts.set(queueName, partitions);
  }

  forget(queueName: string): void {
    this.counts.delete(queueName);
    this.names.delete(queueName);
  }

  /** The store queues of the queue's partitions: partition 0 is the queue itself. */
  storeQueues(queueName: string, partitions: number): readonly string[] {
    const cached = this.names.get(queueName);
    if (cached !== undefined && cached.length === partitions) return cached;
    const names = [queueName];
    for (let p = 1; p < partitions; p++) {
      const name = this.store.doPartitionQueueName(queueName, p, partitions);
      if (!name.startsWith(`${queueName}#`) || names.includes(name)) {
        throw new MqError('MQ_PROVIDER_ERROR', `The ${this.store.name} provider named partition ${p} of "${queueName}" "${name}": a partition's store queue must be the queue's name, '#' and a suffix of its own.`, {
          details: { provider: this.store.name, queueName, partition: p },
        });
      }
      names.push(name);
    }
    this.names.set(queueName, names);
    return names;
  }
}
