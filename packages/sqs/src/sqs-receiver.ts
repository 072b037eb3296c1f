import { ReceiveMessageCommand, type Message, type ReceiveMessageCommandOutput } from '@aws-sdk/client-sqs';
import { SQS_BATCH_MAX } from './delete-batcher.js';
import type { SqsCalls } from './sqs-calls.js';

/** SQS's longest visibility timeout (12 hours) and long poll (20 s). */
export const SQS_MAX_VISIBILITY_SECONDS = 43_200;
export const SQS_MAX_WAIT_SECONDS = 20;

export interface ReceiveOptions {
  readonly max: number;
  /** The lease: a visibility timeout, in whole seconds rounded up (SQS counts seconds), at most 12 hours. */
  readonly leaseMs: number;
  /** Long poll up to this long (whole seconds, at most 20) when nothing is there. */
  readonly waitMs?: number;
  readonly signal?: AbortSignal;
}

/** Visibility timeout in SQS's whole seconds: never shorter than the lease the core judges by. */
export function visibilitySeconds(ms: number): number {
  return Math.min(SQS_MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(ms / 1000)));
}

/**
 * Receives up to `max` messages: calls of 10 (SQS's limit) until it has `max` or a call comes
 * back short; only the first call long-polls, and only when waitMs is set. An aborted long poll
 * returns what it has (nothing).
 */
export async function receiveMessages(calls: SqsCalls, queueUrl: string, options: ReceiveOptions): Promise<Message[]> {
  const out: Message[] = [];
  const wait = options.waitMs === undefined ? 0 : Math.min(SQS_MAX_WAIT_SECONDS, Math.max(0, Math.ceil(options.waitMs / 1000)));
  for (let first = true; out.length < options.max; first = false) {
    if (aborted(options.signal)) break;
    const asked = Math.min(SQS_BATCH_MAX, options.max - out.length);
    let output: ReceiveMessageCommandOutput;
    try {
      output = await calls.send<ReceiveMessageCommandOutput>(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: asked,
          VisibilityTimeout: visibilitySeconds(options.leaseMs),
          WaitTimeSeconds: first ? wait : 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
          // The older (deprecated) list: some SQS-compatible servers read only this one.
          AttributeNames: ['All'],
        }),
        queueUrl,
        first && wait > 0 ? options.signal : undefined,
      );
    } catch (error) {
      if (aborted(options.signal)) break;
      throw error;
    }
    const messages = output.Messages ?? [];
    out.push(...messages);
    if (messages.length < asked) break;
  }
  return out;
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
