import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { priorityLevelQueueName } from '@mq/core/provider';
import type { RawCounts } from '@mq/test-suite';
import { sqsQueueNames } from '../../src/index.js';

/** The back door: a queue's counts read from the emulator directly (every level's SQS queue and dead-letter queue), not through the provider. */
export async function rawCounts(client: SQSClient, prefix: string, queueName: string): Promise<RawCounts> {
  const total = { waiting: 0, leased: 0, dead: 0 };
  for (let level = 1; level <= 10; level++) {
    const names = sqsQueueNames(prefix, priorityLevelQueueName(queueName, level), false);
    const main = await attributes(client, names.main);
    const dead = await attributes(client, names.deadLetters);
    total.waiting += main.visible + main.delayed;
    total.leased += main.hidden;
    total.dead += dead.visible + dead.delayed + dead.hidden;
  }
  return total;
}

async function attributes(client: SQSClient, sqsName: string): Promise<{ visible: number; hidden: number; delayed: number }> {
  let url: string | undefined;
  try {
    url = (await client.send(new GetQueueUrlCommand({ QueueName: sqsName }))).QueueUrl;
  } catch {
    return { visible: 0, hidden: 0, delayed: 0 };
  }
  const found = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
  );
  const read = (name: 'ApproximateNumberOfMessages' | 'ApproximateNumberOfMessagesNotVisible' | 'ApproximateNumberOfMessagesDelayed'): number => Number(found.Attributes?.[name] ?? 0);
  return { visible: read('ApproximateNumberOfMessages'), hidden: read('ApproximateNumberOfMessagesNotVisible'), delayed: read('ApproximateNumberOfMessagesDelayed') };
}
