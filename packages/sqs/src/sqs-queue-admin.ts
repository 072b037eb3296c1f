import {
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  type GetQueueAttributesCommandOutput,
  type ListQueuesCommandOutput,
  type ListQueueTagsCommandOutput,
} from '@aws-sdk/client-sqs';
import type { Clock, QueueCounts } from '@mq/core/provider';
import type { SqsCalls } from './sqs-calls.js';
import type { SqsCounters } from './sqs-counters.js';
import { resendIds } from './sqs-fifo.js';
import { awsErrorName, isMissingQueueError } from './sqs-errors.js';
import type { SqsLeases } from './sqs-leases.js';
import { parseSqsQueueName } from './sqs-queue-names.js';
import { QUEUE_NAME_TAG, type SqsQueueRegistry } from './sqs-queue-registry.js';
import { decodeRecord, type SqsTextRule } from './sqs-record-codec.js';
import { receiveMessages } from './sqs-receiver.js';
import { sendRecords } from './sqs-sender.js';

const COUNT_ATTRIBUTES = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;
/** doWaitForWork (not used by subscriptions: they long-poll) checks the count this often. */
const WAIT_CHECK_MS = 5000;

/** Counting, listing, purging and deleting queues, and replaying or purging all of a dead-letter queue. */
export class SqsQueueAdmin {
  constructor(
    private readonly calls: SqsCalls,
    private readonly queues: SqsQueueRegistry,
    private readonly leases: SqsLeases,
    private readonly counters: SqsCounters,
    private readonly clock: Clock,
    private readonly prefix: string,
    private readonly text: SqsTextRule,
  ) {}

  async count(queueName: string): Promise<QueueCounts> {
    const [main, dead] = await Promise.all([this.approximate(queueName, 'main'), this.approximate(queueName, 'deadLetters')]);
    return { ready: main[0], processing: main[1], delayed: main[2], dead: dead[0] + dead[1] + dead[2], ...this.counters.read(queueName) };
  }

  async listQueues(): Promise<string[]> {
    const names = new Set<string>();
    let token: string | undefined;
    do {
      const page: ListQueuesCommandOutput = await this.calls.send(new ListQueuesCommand({ QueueNamePrefix: this.prefix, MaxResults: 1000, ...(token === undefined ? {} : { NextToken: token }) }));
      for (const url of page.QueueUrls ?? []) {
        const sqsName = url.slice(url.lastIndexOf('/') + 1);
        const parsed = parseSqsQueueName(this.prefix, sqsName, this.queues.fifo);
        if (parsed?.kind === 'main') names.add(parsed.queueName);
        else if (parsed?.kind === 'hashed' && !sqsName.replace(/\.fifo$/, '').endsWith('_q')) {
          const tags: ListQueueTagsCommandOutput = await this.calls.send(new ListQueueTagsCommand({ QueueUrl: url }), sqsName);
          const name = tags.Tags?.[QUEUE_NAME_TAG];
          if (name !== undefined) names.add(name);
        }
      }
      token = page.NextToken;
    } while (token !== undefined);
    return [...names];
  }

  /** PurgeQueue (SQS allows one per 60 s per queue; on a second, the visible messages are received and deleted). Returns the approximate count before. */
  async purge(queueName: string): Promise<number> {
    const removed = await this.purgeQueue(queueName, 'main');
    this.leases.dropQueue(queueName);
    return removed;
  }

  async deleteQueue(queueName: string): Promise<void> {
    for (const which of ['main', 'deadLetters'] as const) {
      const url = await this.queues.forRead(queueName, which);
      if (url === undefined) continue;
      try {
        await this.calls.send(new DeleteQueueCommand({ QueueUrl: url }), url);
      } catch (error) {
        if (!isMissingQueueError((error as { cause?: unknown }).cause)) throw error;
      }
    }
    this.queues.forget(queueName);
    this.leases.dropQueue(queueName);
    this.counters.forget(queueName);
  }

  /** Receives the dead-letter queue until it comes back empty, sending each message back to the queue with attempts 0 (by id: SqsDeadLetters). */
  async replayDeadLetters(queueName: string): Promise<string[]> {
    const deadUrl = await this.queues.forRead(queueName, 'deadLetters');
    if (deadUrl === undefined) return [];
    const mainUrl = await this.queues.forWrite(queueName, 'main');
    const moved: string[] = [];
    for (;;) {
      const messages = await receiveMessages(this.calls, deadUrl, { max: 10, leaseMs: 60_000, waitMs: 1000 });
      if (messages.length === 0) return moved;
      const now = this.clock.now();
      const records = messages.flatMap((message) => {
        const record = decodeRecord(message);
        return record === undefined ? [] : [{ record: { id: record.id, data: record.data, attempts: 0, availableAt: now }, delayMs: 0, ...(this.queues.fifo ? { fifo: resendIds(queueName, record.id, 'replay', now) } : {}) }];
      });
      await sendRecords(this.calls, mainUrl, records, this.text);
      await this.calls.send(new DeleteMessageBatchCommand({ QueueUrl: deadUrl, Entries: messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle ?? '' })) }), deadUrl);
      moved.push(...records.map((entry) => entry.record.id));
    }
  }

  /** PurgeQueue of the dead-letter queue (by id: SqsDeadLetters). */
  async purgeDeadLetters(queueName: string): Promise<number> {
    return this.purgeQueue(queueName, 'deadLetters');
  }

  /** Resolves when the queue counts a visible message, else after WAIT_CHECK_MS (early wake-ups are allowed), or on abort. */
  async waitForWork(queueName: string, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const [ready] = await this.approximate(queueName, 'main');
    if (ready > 0 || signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.clock.clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = this.clock.setTimeout(done, WAIT_CHECK_MS);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private async purgeQueue(queueName: string, which: 'main' | 'deadLetters'): Promise<number> {
    const url = await this.queues.forRead(queueName, which);
    if (url === undefined) return 0;
    const [visible, hidden, delayed] = await this.approximate(queueName, which);
    try {
      await this.calls.send(new PurgeQueueCommand({ QueueUrl: url }), url);
    } catch (error) {
      if (awsErrorName((error as { cause?: unknown }).cause) !== 'PurgeQueueInProgress' && !String((error as { cause?: unknown }).cause).includes('PurgeQueueInProgress')) throw error;
      for (;;) {
        const messages = await receiveMessages(this.calls, url, { max: 10, leaseMs: 60_000 });
        if (messages.length === 0) break;
        await this.calls.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle ?? '' })) }), url);
      }
    }
    return visible + hidden + delayed;
  }

  /** [visible, not visible, delayed] of one SQS queue; zeros for a queue that does not exist. */
  private async approximate(queueName: string, which: 'main' | 'deadLetters'): Promise<[number, number, number]> {
    const url = await this.queues.forRead(queueName, which);
    if (url === undefined) return [0, 0, 0];
    let output: GetQueueAttributesCommandOutput;
    try {
      output = await this.calls.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...COUNT_ATTRIBUTES] }), url);
    } catch (error) {
      if (isMissingQueueError((error as { cause?: unknown }).cause)) {
        this.queues.forget(queueName);
        return [0, 0, 0];
      }
      throw error;
    }
    const read = (name: (typeof COUNT_ATTRIBUTES)[number]): number => Number(output.Attributes?.[name] ?? 0) || 0;
    return [read('ApproximateNumberOfMessages'), read('ApproximateNumberOfMessagesNotVisible'), read('ApproximateNumberOfMessagesDelayed')];
  }
}
