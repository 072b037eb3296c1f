import { SendMessageBatchCommand, SendMessageCommand, type MessageAttributeValue, type SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { MqError } from '@mq/core/provider';
import { SQS_BATCH_MAX } from './delete-batcher.js';
import type { SqsCalls } from './sqs-calls.js';
import type { FifoIds } from './sqs-fifo.js';
import { awsErrorName } from './sqs-errors.js';
import { encodedBytes, encodeRecord, SQS_MAX_MESSAGE_BYTES, type SqsTextRule, type StoredRecord } from './sqs-record-codec.js';

/** SQS's longest DelaySeconds (15 minutes). */
export const SQS_MAX_DELAY_SECONDS = 900;
/**
 * A delay in SQS's whole seconds, rounded down: a message may become visible up to a second
 * before its due time (kept as mq-at), and the take gives such a message back for the rest.
 * Rounding up instead would deliver every sub-second retry up to a second late.
 */
export function sqsDelaySeconds(delayMs: number): number {
  return Math.min(SQS_MAX_DELAY_SECONDS, Math.max(0, Math.floor(delayMs / 1000)));
}

/** Entries that SQS failed for its own reasons (not the sender's) are sent again this many times. */
const RESENDS = 3;

export interface RecordToSend {
  readonly record: StoredRecord;
  readonly delayMs: number;
  /** On a FIFO queue: its group and deduplication ids (and no DelaySeconds: FIFO queues take none per message). */
  readonly fifo?: FifoIds;
}

interface Entry extends RecordToSend {
  readonly id: string;
  readonly body: string;
  readonly attributes: Record<string, MessageAttributeValue>;
  readonly delaySeconds: number;
  readonly bytes: number;
}

/**
 * Sends records to one SQS queue with SendMessageBatch: every record is encoded and checked first
 * (nothing is sent when one cannot be), then sent 10 per call and at most 256 KiB per call.
 * Entries SQS failed on its side are sent again; what still fails is reported with the ids that
 * were stored, so the caller knows what the batch left behind.
 */
export async function sendRecords(calls: SqsCalls, queueUrl: string, records: readonly RecordToSend[], rule: SqsTextRule): Promise<void> {
  const encode = ({ record, delayMs, fifo }: RecordToSend): Entry => {
    const encoded = encodeRecord(record, rule);
    return { id: record.id, record, delayMs, ...(fifo === undefined ? {} : { fifo }), body: encoded.body, attributes: encoded.attributes, delaySeconds: sqsDelaySeconds(delayMs), bytes: encodedBytes(encoded) };
  };
  const entries: Entry[] = records.map(encode);
  const stored: string[] = [];
  for (const chunk of chunks(entries)) {
    let left = chunk;
    for (let round = 0; left.length > 0; round++) {
      const output = await calls.send<SendMessageBatchCommandOutput>(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: left.map((entry, i) => ({ Id: String(i), MessageBody: entry.body, MessageAttributes: entry.attributes, ...sqsTiming(entry.delaySeconds, entry.fifo) })),
        }),
        queueUrl,
      );
      const failed = new Map((output.Failed ?? []).map((failure) => [failure.Id, failure]));
      const again: Entry[] = [];
      left.forEach((entry, i) => {
        const failure = failed.get(String(i));
        if (failure === undefined) stored.push(entry.id);
        else if (failure.Code === 'InvalidMessageContents' && !rule.bmpOnly) {
          rule.bmpOnly = true;
          again.push(encode(entry));
        } else if (failure.SenderFault !== true && round < RESENDS) again.push(entry);
        else {
          throw new MqError(failure.SenderFault === true ? 'MQ_PROVIDER_ERROR' : 'MQ_PROVIDER_UNAVAILABLE', `SQS refused message ${entry.id} (${failure.Code ?? 'unknown'}); ${stored.length} message(s) of this batch were stored before it: ${stored.slice(0, 20).join(', ') || 'none'}.`, {
            details: { operation: 'SendMessageBatch', awsError: failure.Code, storedIds: stored },
          });
        }
      });
      left = again;
    }
  }
}

/** DelaySeconds on a standard queue; MessageGroupId and MessageDeduplicationId (no delay) on a FIFO queue. */
function sqsTiming(delaySeconds: number, fifo: FifoIds | undefined): { DelaySeconds?: number; MessageGroupId?: string; MessageDeduplicationId?: string } {
  return fifo === undefined ? { DelaySeconds: delaySeconds } : { MessageGroupId: fifo.groupId, MessageDeduplicationId: fifo.deduplicationId };
}

/** Groups of at most 10 entries and at most 256 KiB. */
function chunks(entries: readonly Entry[]): Entry[][] {
  const out: Entry[][] = [];
  let current: Entry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (current.length === SQS_BATCH_MAX || (current.length > 0 && bytes + entry.bytes > SQS_MAX_MESSAGE_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += entry.bytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** SendMessage of one record (a re-send or a dead letter), with the same fallback for a server that refuses some text. */
export async function sendRecord(calls: SqsCalls, queueUrl: string, record: StoredRecord, delaySeconds: number, rule: SqsTextRule, queueName: string, fifo?: FifoIds): Promise<void> {
  for (;;) {
    const { body, attributes } = encodeRecord(record, rule);
    try {
      await calls.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, MessageAttributes: attributes, ...sqsTiming(delaySeconds, fifo) }), queueName);
      return;
    } catch (error) {
      if (rule.bmpOnly || awsErrorName((error as { cause?: unknown }).cause) !== 'InvalidMessageContents') throw error;
      rule.bmpOnly = true;
    }
  }
}
