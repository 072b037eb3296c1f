import type { SQSClient } from '@aws-sdk/client-sqs';
import { toSqsMqError, type SqsTarget } from './sqs-errors.js';

/** A command of @aws-sdk/client-sqs, as SQSClient.send takes it. */
type SqsCommand<Output> = Parameters<SQSClient['send']>[0] & { readonly __output?: Output };

/**
 * The one path of every SQS call: the client's send (whose retry strategy already retries
 * throttling and 5xx with backoff), errors turned into MqErrors saying what to check, and an
 * abort signal for long polls that a closing subscription ends.
 */
export class SqsCalls {
  constructor(
    readonly client: SQSClient,
    readonly target: SqsTarget,
  ) {}

  async send<Output>(command: { input: object; constructor: { name: string } }, queue?: string, abortSignal?: AbortSignal): Promise<Output> {
    try {
      const send = this.client.send.bind(this.client) as (c: unknown, o?: { abortSignal?: AbortSignal }) => Promise<Output>;
      return await (abortSignal === undefined ? send(command) : send(command, { abortSignal }));
    } catch (error) {
      throw toSqsMqError(error, command.constructor.name.replace(/Command$/, ''), this.target, queue);
    }
  }
}

export type { SqsCommand };
