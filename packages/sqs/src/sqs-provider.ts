import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ListQueuesCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import {
  PROVIDER_SPECIFICATION_VERSION,
  systemClock,
  type Clock,
  type DeadLetterOptions,
  type DeadRecord,
  type EnqueueRecord,
  type EnqueueResult,
  type LeaseRef,
  type ListOptions,
  type QueueCounts,
  type QueueProvider,
  type ReleaseOptions,
  type TakenRecord,
  type TakeOptions,
} from '@mq/core/provider';
import { DeleteBatcher } from './delete-batcher.js';
import { SqsCalls } from './sqs-calls.js';
import { SQS_CAPABILITIES, SQS_FIFO_CAPABILITIES } from './sqs-capabilities.js';
import { SqsCounters } from './sqs-counters.js';
import { SqsDeadLetters } from './sqs-dead-letters.js';
import { isMissingQueueError } from './sqs-errors.js';
import { FifoNotes, firstSendIds, refuseFifoDelays, resendIds } from './sqs-fifo.js';
import { SqsLeases, type HeldLease } from './sqs-leases.js';
import { DEFAULT_SQS_PREFIX, type SqsProviderOptions } from './sqs-provider-options.js';
import { SqsQueueAdmin } from './sqs-queue-admin.js';
import { SqsQueueRegistry } from './sqs-queue-registry.js';
import { decodeRecord, receiveCount, SqsTextRule, type StoredRecord } from './sqs-record-codec.js';
import { receiveMessages, visibilitySeconds } from './sqs-receiver.js';
import { sendRecord, sendRecords, sqsDelaySeconds } from './sqs-sender.js';
import { settle } from './sqs-settle.js';

/**
 * The SQS provider: a façade over parts with one job each (queue URLs, sending, receiving,
 * batched deletes, held leases, counts and administration, dead letters by walking their queue).
 * Leases are visibility timeouts, the lease token is the receipt handle; the core emulates what SQS lacks.
 */
export class SqsProvider implements QueueProvider {
  readonly specificationVersion = PROVIDER_SPECIFICATION_VERSION;
  readonly name = 'sqs';
  readonly capabilities: typeof SQS_CAPABILITIES | typeof SQS_FIFO_CAPABILITIES;
  private readonly fifo: FifoNotes | undefined;
  private readonly clock: Clock;
  private readonly ownsClient: boolean;
  private readonly calls: SqsCalls;
  private readonly queues: SqsQueueRegistry;
  private readonly deletes: DeleteBatcher;
  private readonly leases = new SqsLeases();
  private readonly counters = new SqsCounters();
  private readonly admin: SqsQueueAdmin;
  private readonly deadLetters: SqsDeadLetters;
  private readonly polls = new Set<AbortController>();
  private readonly prefix: string;
  private readonly text = new SqsTextRule();
  private readonly longPollMs: number;

  constructor(options: SqsProviderOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.prefix = options.prefix ?? DEFAULT_SQS_PREFIX;
    this.ownsClient = options.client === undefined;
    this.longPollMs = (options.longPollSeconds ?? 20) * 1000;
    this.fifo = options.fifo === true ? new FifoNotes() : undefined;
    this.capabilities = options.fifo === true ? SQS_FIFO_CAPABILITIES : SQS_CAPABILITIES;
    const client =
      options.client ??
      new SQSClient({ ...(options.region === undefined ? {} : { region: options.region }), ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }), maxAttempts: options.maxAttempts ?? 5 });
    this.calls = new SqsCalls(client, { region: options.region, endpoint: options.endpoint });
    this.queues = new SqsQueueRegistry(this.calls, this.prefix, options.createQueues ?? true, options.fifo === true);
    this.deletes = new DeleteBatcher(this.calls);
    this.admin = new SqsQueueAdmin(this.calls, this.queues, this.leases, this.counters, this.clock, this.prefix, this.text);
    this.deadLetters = new SqsDeadLetters(this.calls, this.queues, this.clock, this.text);
  }

  /** Checks that SQS answers with these credentials (one ListQueues call). */
  async doConnect(): Promise<void> {
    await this.calls.send(new ListQueuesCommand({ QueueNamePrefix: this.prefix, MaxResults: 1 }));
  }

  async doDisconnect(): Promise<void> {
    for (const poll of this.polls) poll.abort();
    this.polls.clear();
    if (this.ownsClient) this.calls.client.destroy();
    return Promise.resolve();
  }

  doHealthCheck(): Promise<boolean> {
    return this.doConnect().then(
      () => true,
      () => false,
    );
  }

  async doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    if (this.fifo !== undefined) refuseFifoDelays(queueName, records);
    const url = await this.queues.forWrite(queueName, 'main');
    const now = this.clock.now();
    await sendRecords(
      this.calls,
      url,
      records.map((record) => ({
        record: { id: record.id, data: record.data as string, attempts: 0, availableAt: now + record.delayMs },
        delayMs: record.delayMs,
        ...(this.fifo === undefined ? {} : { fifo: firstSendIds(queueName, record.id, record.groupId) }),
      })),
      this.text,
    );
    // SQS cannot tell that an id is already in a queue (a standard queue keeps no index of ids).
    return { duplicateIds: [] };
  }

  async doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    const waiting = options.waitMs !== undefined && options.waitMs > 0;
    const url = waiting ? await this.queues.forWrite(queueName, 'main') : await this.queues.forRead(queueName, 'main');
    if (url === undefined) return [];
    const startedAt = this.clock.now();
    const poll = new AbortController();
    const abort = (): void => poll.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    if (options.signal?.aborted === true) poll.abort();
    this.polls.add(poll);
    let messages: Message[];
    try {
      const waitMs = waiting ? Math.min(options.waitMs ?? 0, this.longPollMs) : undefined;
      messages = await receiveMessages(this.calls, url, { max: options.max, leaseMs: options.leaseMs, ...(waitMs === undefined ? {} : { waitMs }), signal: poll.signal });
    } catch (error) {
      if (!isMissingQueueError((error as { cause?: unknown }).cause)) throw error;
      // Deleted meanwhile (deleteQueue here or elsewhere): the next take finds or creates it again.
      this.queues.forget(queueName);
      return [];
    } finally {
      this.polls.delete(poll);
      options.signal?.removeEventListener('abort', abort);
    }
    const taken: TakenRecord[] = [];
    // Judged when the messages arrived, not when the take began (a long poll may span a due time).
    const receivedAt = messages.length > 0 ? this.clock.now() : startedAt;
    for (const message of messages) {
      const stored = decodeRecord(message);
      if (stored === undefined || message.ReceiptHandle === undefined) continue;
      const note = this.fifo?.get(stored.id);
      const record = note?.lastError === undefined ? stored : { ...stored, lastError: note.lastError };
      const attempts = record.attempts + receiveCount(message) - (note?.refunds ?? 0);
      const leaseExpiresAt = startedAt + options.leaseMs;
      const held: HeldLease = { queueName, queueUrl: url, record, attempts, expiresAt: leaseExpiresAt };
      if (this.fifo === undefined && record.availableAt > receivedAt) {
        // Visible before its due time (SQS delays are whole seconds, rounded down): back for the rest, rounded up, this receive refunded.
        await this.resend(message.ReceiptHandle, held, Math.ceil((record.availableAt - receivedAt) / 1000), { ...record, attempts: attempts - 1 });
        continue;
      }
      this.leases.add(message.ReceiptHandle, held, startedAt);
      taken.push({
        id: record.id,
        priority: 5,
        data: record.data,
        attempts,
        availableAt: record.availableAt,
        leaseToken: message.ReceiptHandle,
        leaseExpiresAt,
        ...(record.lastError === undefined ? {} : { lastError: record.lastError }),
      });
    }
    return taken;
  }

  async doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    const held = this.leases.get(lease.leaseToken);
    const url = held?.queueUrl ?? (await this.queues.forRead(queueName, 'main'));
    if (url === undefined) return false;
    const deleted = await this.deletes.delete(url, lease.leaseToken);
    this.leases.delete(lease.leaseToken);
    if (held !== undefined) this.fifo?.delete(held.record.id);
    if (deleted) this.counters.completed(queueName, processingMs);
    return deleted;
  }

  async doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    const held = this.leases.get(lease.leaseToken);
    if (held === undefined) return false;
    const delaySeconds = sqsDelaySeconds(options.delayMs);
    if (this.fifo !== undefined) {
      // FIFO: no per-message delay and a re-send would lose the message's place: the backoff is its visibility timeout.
      this.fifo.retried(held.record.id, options.lastError ?? held.record.lastError, options.refundAttempt === true);
    }
    if (this.fifo !== undefined || (options.lastError === undefined && options.refundAttempt !== true && held.record.lastError === undefined)) {
      // Nothing of the record changes: the message stays, visible again after the delay.
      const changed = await settle(() => this.calls.send(new ChangeMessageVisibilityCommand({ QueueUrl: held.queueUrl, ReceiptHandle: lease.leaseToken, VisibilityTimeout: visibilitySeconds(options.delayMs) }), queueName));
      this.leases.delete(lease.leaseToken);
      return changed;
    }
    const lastError = options.lastError ?? held.record.lastError;
    return this.resend(lease.leaseToken, held, delaySeconds, {
      ...held.record,
      attempts: held.attempts - (options.refundAttempt === true ? 1 : 0),
      availableAt: this.clock.now() + options.delayMs,
      ...(lastError === undefined ? {} : { lastError }),
    });
  }

  /** SQS cannot change a message's attributes: sends it again as `record` (first, so nothing is lost), then deletes the one held. */
  private async resend(receiptHandle: string, held: HeldLease, delaySeconds: number, record: StoredRecord): Promise<boolean> {
    await sendRecord(this.calls, held.queueUrl, record, delaySeconds, this.text, held.queueName);
    this.leases.delete(receiptHandle);
    return settle(() => this.calls.send(new DeleteMessageCommand({ QueueUrl: held.queueUrl, ReceiptHandle: receiptHandle }), held.queueName));
  }

  async doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean> {
    const held = this.leases.get(lease.leaseToken);
    if (held === undefined) return false;
    const attempts = held.attempts - (options?.refundAttempt === true ? 1 : 0);
    const url = await this.queues.forWrite(queueName, 'deadLetters');
    const now = this.clock.now();
    await sendRecord(this.calls, url, { ...held.record, attempts, lastError: error, failedAt: now }, 0, this.text, queueName, this.fifo && resendIds(queueName, held.record.id, 'dead', now));
    this.leases.delete(lease.leaseToken);
    this.fifo?.delete(held.record.id);
    return settle(() => this.calls.send(new DeleteMessageCommand({ QueueUrl: held.queueUrl, ReceiptHandle: lease.leaseToken }), queueName));
  }

  doWaitForWork(queueName: string, signal: AbortSignal): Promise<void> {
    return this.admin.waitForWork(queueName, signal);
  }

  doCount(queueName: string): Promise<QueueCounts> {
    return this.admin.count(queueName);
  }

  doListQueues(): Promise<string[]> {
    return this.admin.listQueues();
  }

  doPurge(queueName: string): Promise<number> {
    return this.admin.purge(queueName);
  }

  doDeleteQueue(queueName: string): Promise<void> {
    return this.admin.deleteQueue(queueName);
  }

  doListDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    return this.deadLetters.list(queueName, options);
  }

  doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    return ids === undefined ? this.admin.replayDeadLetters(queueName) : this.deadLetters.replay(queueName, ids);
  }

  doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    return ids === undefined ? this.admin.purgeDeadLetters(queueName) : this.deadLetters.purge(queueName, ids);
  }
}
