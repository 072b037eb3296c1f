import type { SQSClient } from '@aws-sdk/client-sqs';
import { ValidationError, type Clock } from '@mq/core/provider';
import { checkSqsPrefix } from './sqs-queue-names.js';

/** Options of createSqsProvider() (and of providerOptions with MESSAGE_QUEUE_PROVIDER=sqs). */
export interface SqsProviderOptions {
  /** An SQSClient of your own (stays yours: disconnect() does not destroy it). Else one is made from region/endpoint. */
  readonly client?: SQSClient;
  /** Put in front of every SQS queue name (0–40 characters of [A-Za-z0-9_-]). Default MQ_SQS_PREFIX, else "mq-". */
  readonly prefix?: string;
  /** AWS region. Default AWS_REGION, else the SDK's own configuration (~/.aws/config). */
  readonly region?: string;
  /** SQS endpoint URL (emulators, VPC endpoints). Default SQS_ENDPOINT, else the region's. */
  readonly endpoint?: string;
  /** True (default): a queue is created on first use. False: only checked, a missing queue fails with a message saying what to create. */
  readonly createQueues?: boolean;
  /**
   * How long a take waits for a message (long polling), 1–20 s. Default MQ_SQS_LONG_POLL_SECONDS, else 20
   * (SQS's longest: fewest receive calls). With priorities emulated, a subscriber waits on the default
   * level (5); a message of another level is taken at the end of the wait at the latest (docs/sqs.md).
   */
  readonly longPollSeconds?: number;
  /** Attempts of one SQS call (the SDK retries throttling and 5xx with backoff). Default 5. Only for a client this provider makes. */
  readonly maxAttempts?: number;
  /**
   * True: SQS FIFO queues (".fifo" names): order kept within each priority level (MessageGroupId =
   * the level's queue, or the message's groupId), MessageDeduplicationId = the message id, retries
   * by visibility timeout, and no per-message delays (refused). Default MQ_SQS_FIFO, else false.
   * docs/sqs.md "FIFO queues".
   */
  readonly fifo?: boolean;
  /** Judge lease deadlines and counters' times by this clock (tests). Default: the system clock. */
  readonly clock?: Clock;
}

export const SQS_PROVIDER_OPTION_NAMES: readonly (keyof SqsProviderOptions)[] = ['client', 'prefix', 'region', 'endpoint', 'createQueues', 'longPollSeconds', 'maxAttempts', 'fifo', 'clock'];

export const DEFAULT_SQS_PREFIX = 'mq-';

/** The settings read from the environment (AWS_REGION, SQS_ENDPOINT, MQ_SQS_PREFIX), checked. */
export function sqsSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): Pick<SqsProviderOptions, 'region' | 'endpoint' | 'prefix' | 'longPollSeconds' | 'fifo'> {
  const region = nonEmpty(env.AWS_REGION);
  const endpoint = nonEmpty(env.SQS_ENDPOINT);
  const prefix = env.MQ_SQS_PREFIX;
  if (region !== undefined) checkRegion(region, 'AWS_REGION');
  if (endpoint !== undefined) checkEndpoint(endpoint, 'SQS_ENDPOINT');
  if (prefix !== undefined) checkSqsPrefix(prefix, 'MQ_SQS_PREFIX');
  const poll = nonEmpty(env.MQ_SQS_LONG_POLL_SECONDS);
  const longPollSeconds = poll === undefined ? undefined : Number(poll);
  if (longPollSeconds !== undefined) checkLongPoll(longPollSeconds, 'MQ_SQS_LONG_POLL_SECONDS');
  const fifoText = nonEmpty(env.MQ_SQS_FIFO);
  if (fifoText !== undefined && fifoText !== 'true' && fifoText !== 'false') {
    throw new ValidationError('MQ_INVALID_CONFIG', `Invalid MQ_SQS_FIFO "${fifoText.slice(0, 20)}": true (SQS FIFO queues) or false (standard queues, the default).`, { field: 'MQ_SQS_FIFO' });
  }
  return {
    ...(fifoText === undefined ? {} : { fifo: fifoText === 'true' }),
    ...(longPollSeconds === undefined ? {} : { longPollSeconds }), ...(region === undefined ? {} : { region }), ...(endpoint === undefined ? {} : { endpoint }), ...(prefix === undefined ? {} : { prefix }) };
}

/** Checks every option's type and range; throws MQ_INVALID_CONFIG naming the field and what is allowed. */
export function checkSqsProviderOptions(options: SqsProviderOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'Options for the sqs provider must be an object, e.g. { region, prefix }.', { field: 'options' });
  }
  const { client, prefix, region, endpoint, createQueues, maxAttempts } = options;
  if (client !== undefined && (typeof client !== 'object' || client === null || typeof (client as { send?: unknown }).send !== 'function')) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'sqs option client must be an SQSClient from @aws-sdk/client-sqs.', { field: 'client' });
  }
  if (prefix !== undefined) {
    if (typeof prefix !== 'string') throw new ValidationError('MQ_INVALID_CONFIG', 'sqs option prefix must be a string.', { field: 'prefix' });
    checkSqsPrefix(prefix);
  }
  if (region !== undefined) checkRegion(region, 'region');
  if (endpoint !== undefined) checkEndpoint(endpoint, 'endpoint');
  if (createQueues !== undefined && typeof createQueues !== 'boolean') throw new ValidationError('MQ_INVALID_CONFIG', 'sqs option createQueues must be true or false.', { field: 'createQueues' });
  if (options.fifo !== undefined && typeof options.fifo !== 'boolean') throw new ValidationError('MQ_INVALID_CONFIG', 'sqs option fifo must be true (SQS FIFO queues) or false (standard queues).', { field: 'fifo' });
  if (options.longPollSeconds !== undefined) checkLongPoll(options.longPollSeconds, 'longPollSeconds');
  if (maxAttempts !== undefined && !(Number.isInteger(maxAttempts) && maxAttempts >= 1 && maxAttempts <= 20)) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'sqs option maxAttempts must be an integer from 1 to 20.', { field: 'maxAttempts' });
  }
}

function checkLongPoll(value: unknown, field: string): void {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 20)) {
    throw new ValidationError('MQ_INVALID_CONFIG', `Invalid ${field} ${String(value).slice(0, 20)}: a whole number of seconds from 1 to 20 (SQS's longest long poll).`, { field });
  }
}

function checkRegion(region: unknown, field: string): void {
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$|^[a-z0-9-]{1,32}$/.test(region)) {
    throw new ValidationError('MQ_INVALID_CONFIG', `Invalid ${field} "${String(region).slice(0, 40)}": an AWS region such as us-east-1 or eu-west-1.`, { field });
  }
}

function checkEndpoint(endpoint: unknown, field: string): void {
  let url: URL | undefined;
  try {
    url = typeof endpoint === 'string' ? new URL(endpoint) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') {
    // Never echo the value: a URL may carry credentials.
    throw new ValidationError('MQ_INVALID_CONFIG', `Invalid ${field}: an http:// or https:// URL without credentials, e.g. http://127.0.0.1:4566 or https://sqs.eu-west-1.amazonaws.com.`, { field });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
