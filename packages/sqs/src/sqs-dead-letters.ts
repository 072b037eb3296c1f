import { DeleteMessageBatchCommand, type DeleteMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import type { Clock, DeadRecord, ListOptions } from '@mq/core/provider';
import { giveBack, walkDeadLetters, type WalkedMessage } from './dead-letter-walk.js';
import { SQS_BATCH_MAX } from './delete-batcher.js';
import type { SqsCalls } from './sqs-calls.js';
import { resendIds } from './sqs-fifo.js';
import type { SqsQueueRegistry } from './sqs-queue-registry.js';
import type { SqsTextRule, StoredRecord } from './sqs-record-codec.js';
import { sendRecords } from './sqs-sender.js';

type Found = WalkedMessage & { readonly record: StoredRecord };

/**
 * Listing a dead-letter queue, and replaying or purging some of it by id, as far as SQS allows:
 * SQS can only receive, so each call walks the queue (dead-letter-walk.ts, bounded), acts on what
 * it found and gives the rest back at once. Approximate where SQS is (docs/sqs.md "Dead letters"):
 * a dead letter another consumer holds meanwhile, or one past the walk's bound, is not seen.
 * Replaying or purging all of them is SqsQueueAdmin's (receive-and-move, PurgeQueue).
 */
export class SqsDeadLetters {
  constructor(
    private readonly calls: SqsCalls,
    private readonly queues: SqsQueueRegistry,
    private readonly clock: Clock,
    private readonly text: SqsTextRule,
  ) {}

  /** Oldest first by failedAt, then by id (shorter first: the core's ids end in a counter), among what one walk sees. */
  async list(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    const url = await this.queues.forRead(queueName, 'deadLetters');
    if (url === undefined) return [];
    const walked = await walkDeadLetters(this.calls, url);
    await giveBack(this.calls, url, walked);
    const records = ours(walked).map(({ record }) => ({
      id: record.id,
      priority: 5,
      data: record.data,
      attempts: record.attempts,
      error: record.lastError ?? '',
      failedAt: record.failedAt ?? record.availableAt,
    }));
    records.sort((a, b) => a.failedAt - b.failedAt || a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return records.slice(options.offset, options.offset + options.limit);
  }

  /** Sends the dead letters with these ids back to the queue (attempts 0), then deletes them; returns the ids found. */
  async replay(queueName: string, ids: readonly string[]): Promise<string[]> {
    const url = await this.queues.forRead(queueName, 'deadLetters');
    if (url === undefined || ids.length === 0) return [];
    const found = await this.pick(url, ids);
    try {
      const mainUrl = await this.queues.forWrite(queueName, 'main');
      const now = this.clock.now();
      const records = found.map(({ record }) => ({
        record: { id: record.id, data: record.data, attempts: 0, availableAt: now },
        delayMs: 0,
        ...(this.queues.fifo ? { fifo: resendIds(queueName, record.id, 'replay', now) } : {}),
      }));
      await sendRecords(this.calls, mainUrl, records, this.text);
    } catch (error) {
      await giveBack(this.calls, url, found).catch(() => undefined);
      throw error;
    }
    await this.delete(url, found);
    return [...new Set(found.map(({ record }) => record.id))];
  }

  /** Deletes the dead letters with these ids; returns how many SQS deleted (a message SQS stored twice counts twice). */
  async purge(queueName: string, ids: readonly string[]): Promise<number> {
    const url = await this.queues.forRead(queueName, 'deadLetters');
    if (url === undefined || ids.length === 0) return 0;
    return this.delete(url, await this.pick(url, ids));
  }

  /** Walks until every id is seen (or the bound), gives back the rest at once, and returns the wanted ones, still invisible. */
  private async pick(url: string, ids: readonly string[]): Promise<Found[]> {
    const wanted = new Set(ids);
    const walked = await walkDeadLetters(this.calls, url, wanted);
    const found = ours(walked).filter(({ record }) => wanted.has(record.id));
    const keep = new Set<WalkedMessage>(found);
    await giveBack(this.calls, url, walked.filter((m) => !keep.has(m)));
    return found;
  }

  private async delete(url: string, messages: readonly WalkedMessage[]): Promise<number> {
    let deleted = 0;
    for (let i = 0; i < messages.length; i += SQS_BATCH_MAX) {
      const entries = messages.slice(i, i + SQS_BATCH_MAX).map((m, j) => ({ Id: String(j), ReceiptHandle: m.receiptHandle }));
      const output: DeleteMessageBatchCommandOutput = await this.calls.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: entries }), url);
      deleted += output.Successful?.length ?? 0;
    }
    return deleted;
  }
}

function ours(walked: readonly WalkedMessage[]): Found[] {
  return walked.filter((m): m is Found => m.record !== undefined);
}
