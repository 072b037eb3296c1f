import { CreateQueueCommand, GetQueueUrlCommand, type CreateQueueCommandOutput, type GetQueueUrlCommandOutput } from '@aws-sdk/client-sqs';
import { MqError } from '@mq/core/provider';
import type { SqsCalls } from './sqs-calls.js';
import { isMissingQueueError } from './sqs-errors.js';
import { sqsQueueNames } from './sqs-queue-names.js';

/** Tag on every queue this provider creates: the store queue's own name (read back for hashed names). */
export const QUEUE_NAME_TAG = 'mq-queue';
/** 14 days, the longest SQS keeps a message. */
const RETENTION_SECONDS = '1209600';

/**
 * The URLs of the SQS queues behind store queues, found once and kept. `forWrite` creates a
 * missing queue (createQueues) or fails saying what to create; `forRead` answers undefined for a
 * missing one (counting a queue never used creates nothing).
 */
export class SqsQueueRegistry {
  private readonly urls = new Map<string, string>();

  constructor(
    private readonly calls: SqsCalls,
    private readonly prefix: string,
    private readonly createQueues: boolean,
    /** SQS FIFO queues (".fifo" names, FifoQueue=true, deduplication by the id each send gives). */
    readonly fifo = false,
  ) {}

  names(queueName: string): { main: string; deadLetters: string; hashed: boolean } {
    return sqsQueueNames(this.prefix, queueName, this.fifo);
  }

  async forWrite(queueName: string, which: 'main' | 'deadLetters'): Promise<string> {
    const sqsName = this.names(queueName)[which];
    const known = this.urls.get(sqsName);
    if (known !== undefined) return known;
    const found = await this.lookUp(sqsName);
    if (found !== undefined) return found;
    if (!this.createQueues) {
      throw new MqError('MQ_PROVIDER_ERROR', `SQS queue ${sqsName} (for queue "${queueName}") does not exist and createQueues is false: create it with your infrastructure code (tag ${QUEUE_NAME_TAG}=${queueName}), or check MQ_SQS_PREFIX, AWS_REGION and SQS_ENDPOINT.`, {
        details: { reason: 'queue-missing', sqsQueue: sqsName, queueName },
      });
    }
    const created = await this.calls.send<CreateQueueCommandOutput>(
      new CreateQueueCommand({ QueueName: sqsName, Attributes: { MessageRetentionPeriod: RETENTION_SECONDS, ...(this.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' } : {}) }, tags: { [QUEUE_NAME_TAG]: which === 'main' ? queueName : `${queueName} (dead letters)` } }),
      sqsName,
    );
    return this.remember(sqsName, created.QueueUrl);
  }

  async forRead(queueName: string, which: 'main' | 'deadLetters'): Promise<string | undefined> {
    const sqsName = this.names(queueName)[which];
    return this.urls.get(sqsName) ?? (await this.lookUp(sqsName));
  }

  /** Forgets a queue's URLs (it was deleted). */
  forget(queueName: string): void {
    const names = this.names(queueName);
    this.urls.delete(names.main);
    this.urls.delete(names.deadLetters);
  }

  private async lookUp(sqsName: string): Promise<string | undefined> {
    try {
      const found = await this.calls.send<GetQueueUrlCommandOutput>(new GetQueueUrlCommand({ QueueName: sqsName }), sqsName);
      return this.remember(sqsName, found.QueueUrl);
    } catch (error) {
      if (isMissingQueueError((error as { cause?: unknown }).cause) || (error as MqError).details?.reason === 'queue-missing') return undefined;
      throw error;
    }
  }

  private remember(sqsName: string, url: string | undefined): string {
    if (url === undefined) throw new MqError('MQ_PROVIDER_ERROR', `SQS answered without a URL for queue ${sqsName}.`, { details: { sqsQueue: sqsName } });
    this.urls.set(sqsName, url);
    return url;
  }
}
