import { DeleteMessageBatchCommand, type DeleteMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { ProviderUnavailableError } from '@mq/core/provider';
import type { SqsCalls } from './sqs-calls.js';

/** SQS takes at most 10 entries per batch call. */
export const SQS_BATCH_MAX = 10;
/** The receipt handle is no longer valid: the message is gone, or was handed out again. */
const NOT_HELD = ['ReceiptHandleIsInvalid', 'InvalidReceiptHandle', 'MessageNotInflight', 'AWS.SimpleQueueService.ReceiptHandleIsInvalid'];

interface PendingDelete {
  readonly receiptHandle: string;
  resolve(deleted: boolean): void;
  reject(error: unknown): void;
}

/**
 * Acks as DeleteMessageBatch: the deletes of one queue asked in the same event-loop turn travel
 * together, 10 per call (SQS's limit). Each caller learns its own answer: true when deleted,
 * false when SQS says the receipt handle is not valid (the lease is not held).
 */
export class DeleteBatcher {
  private readonly pending = new Map<string, PendingDelete[]>();
  private scheduled = false;

  constructor(private readonly calls: SqsCalls) {}

  delete(queueUrl: string, receiptHandle: string): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      let list = this.pending.get(queueUrl);
      if (list === undefined) this.pending.set(queueUrl, (list = []));
      list.push({ receiptHandle, resolve, reject });
      if (list.length >= SQS_BATCH_MAX) this.send(queueUrl, this.take(queueUrl));
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    for (const queueUrl of [...this.pending.keys()]) this.send(queueUrl, this.take(queueUrl));
  }

  private take(queueUrl: string): PendingDelete[] {
    const list = this.pending.get(queueUrl) ?? [];
    this.pending.delete(queueUrl);
    return list;
  }

  private send(queueUrl: string, batch: PendingDelete[]): void {
    if (batch.length === 0) return;
    const entries = batch.map((pending, i) => ({ Id: String(i), ReceiptHandle: pending.receiptHandle }));
    this.calls.send<DeleteMessageBatchCommandOutput>(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }), queueUrl).then(
      (output) => {
        const failed = new Map((output.Failed ?? []).map((entry) => [entry.Id, entry]));
        batch.forEach((pending, i) => {
          const failure = failed.get(String(i));
          if (failure === undefined) pending.resolve(true);
          else if (NOT_HELD.includes(failure.Code ?? '') || failure.SenderFault === true) pending.resolve(false);
          else pending.reject(new ProviderUnavailableError(`SQS could not delete (ack) a message (${failure.Code ?? 'unknown'}); try again later.`, { details: { operation: 'DeleteMessageBatch', awsError: failure.Code } }));
        });
      },
      (error: unknown) => {
        for (const pending of batch) pending.reject(error);
      },
    );
  }
}
