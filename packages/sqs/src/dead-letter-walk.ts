import { ChangeMessageVisibilityBatchCommand, type Message } from '@aws-sdk/client-sqs';
import { SQS_BATCH_MAX } from './delete-batcher.js';
import type { SqsCalls } from './sqs-calls.js';
import { decodeRecord, type StoredRecord } from './sqs-record-codec.js';
import { receiveMessages } from './sqs-receiver.js';

/** The most messages one walk receives from one SQS queue (100 receive calls of 10): the bound on a listing's work. */
export const DEAD_LETTER_WALK_MAX = 1000;
/**
 * How long a walk hides what it received: long enough that a walk of DEAD_LETTER_WALK_MAX
 * messages does not see its first ones again, short enough that a walk cut off (a crash before
 * it gives them back) hides them only briefly. A walk gives everything it does not act on back
 * at once (visibility 0) when it ends.
 */
const WALK_VISIBILITY_MS = 30_000;
/** An empty long poll of this long ends a walk (a short poll samples only some SQS servers). */
const WALK_END_WAIT_MS = 1000;

/** One message a walk received: ours (it holds a record) or not (given back untouched). */
export interface WalkedMessage {
  readonly receiptHandle: string;
  readonly record: StoredRecord | undefined;
}

/**
 * Receives a dead-letter queue, 10 at a time, until an empty long poll, `max` messages, or (with
 * `wanted`) every wanted id seen; a message SQS hands out twice counts once, with its latest
 * receipt handle, and the receive calls are bounded too (twice what `max` needs). Everything
 * received stays invisible until the caller gives it back (`giveBack`) or deletes it. SQS can only
 * receive, so this sees what SQS hands out: not what another consumer holds invisible meanwhile,
 * nor, past the bound, the rest (docs/sqs.md "Dead letters").
 */
export async function walkDeadLetters(calls: SqsCalls, queueUrl: string, wanted?: ReadonlySet<string>, max = DEAD_LETTER_WALK_MAX): Promise<WalkedMessage[]> {
  const seen = new Map<string, WalkedMessage>();
  const missing = new Set(wanted);
  try {
    for (let receives = 0; receives < 2 * Math.ceil(max / SQS_BATCH_MAX) && seen.size < max && (wanted === undefined || missing.size > 0); receives++) {
      const messages = await receiveMessages(calls, queueUrl, { max: Math.min(SQS_BATCH_MAX, max - seen.size), leaseMs: WALK_VISIBILITY_MS, waitMs: WALK_END_WAIT_MS });
      if (messages.length === 0) break;
      for (const message of messages) {
        if (message.ReceiptHandle === undefined) continue;
        const record = decodeRecord(message);
        if (record !== undefined) missing.delete(record.id);
        seen.set(messageKey(message), { receiptHandle: message.ReceiptHandle, record });
      }
    }
  } catch (error) {
    await giveBack(calls, queueUrl, [...seen.values()]).catch(() => undefined);
    throw error;
  }
  return [...seen.values()];
}

/**
 * Makes messages visible again at once (ChangeMessageVisibilityBatch to 0, 10 per call). An
 * entry SQS fails (the message was deleted meanwhile, or its handle is no longer current) is left:
 * it becomes visible by itself when the walk's visibility timeout ends.
 */
export async function giveBack(calls: SqsCalls, queueUrl: string, messages: readonly WalkedMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += SQS_BATCH_MAX) {
    const entries = messages.slice(i, i + SQS_BATCH_MAX).map((m, j) => ({ Id: String(j), ReceiptHandle: m.receiptHandle, VisibilityTimeout: 0 }));
    await calls.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }), queueUrl);
  }
}

function messageKey(message: Message): string {
  return message.MessageId ?? message.ReceiptHandle ?? '';
}
