import { MqError, ProviderUnavailableError } from '@mq/core/provider';

/** Where the provider talks to, for error messages (never credentials). */
export interface SqsTarget {
  readonly region: string | undefined;
  readonly endpoint: string | undefined;
}

const MISSING_QUEUE = ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'NonExistentQueue'];
const ACCESS_DENIED = ['AccessDenied', 'AccessDeniedException', 'KMS.AccessDeniedException', 'KmsAccessDenied'];
const BAD_CREDENTIALS = ['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'InvalidSecurity', 'IncompleteSignature', 'MissingAuthenticationToken'];
const THROTTLED = ['ThrottlingException', 'RequestThrottled', 'Throttling', 'TooManyRequestsException', 'KmsThrottled', 'KMS.ThrottlingException', 'OverLimit'];

/** The AWS error name of `error` (the SDK's `name`, or the code of a JSON-protocol answer). */
export function awsErrorName(error: unknown): string {
  const e = error as { name?: unknown; Code?: unknown; code?: unknown } | null;
  for (const value of [e?.name, e?.Code, e?.code]) {
    // JSON-protocol answers may name the error with its namespace: com.amazonaws.sqs#X, AWS.SimpleQueueService.X.
    if (typeof value === 'string' && value !== 'Error') return value.replace(/^.*#/, '').replace(/^AWS\.SimpleQueueService\./, '');
  }
  return '';
}

export function isMissingQueueError(error: unknown): boolean {
  return MISSING_QUEUE.includes(awsErrorName(error));
}

function where(target: SqsTarget): string {
  return `region ${target.region ?? '(unset)'}, endpoint ${target.endpoint ?? "(the region's)"}`;
}

/**
 * Turns what an SQS call threw (after the SDK's own retries of throttling and 5xx) into an MqError
 * whose message says what to check; the SDK's error stays in `cause` and never in `message`.
 */
export function toSqsMqError(error: unknown, operation: string, target: SqsTarget, queue?: string): MqError {
  if (MqError.isInstance(error)) return error;
  const name = awsErrorName(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const on = queue === undefined ? '' : ` on SQS queue ${queue}`;
  const details = { operation, awsError: name || undefined, status, ...(queue === undefined ? {} : { sqsQueue: queue }) };
  if (MISSING_QUEUE.includes(name)) {
    return new MqError('MQ_PROVIDER_ERROR', `SQS has no queue ${queue ?? ''} (${where(target)}) for ${operation}: create it (e.g. with your infrastructure code) or use createQueues: true, and check AWS_REGION, SQS_ENDPOINT and MQ_SQS_PREFIX.`, {
      cause: error,
      details: { ...details, reason: 'queue-missing' },
    });
  }
  if (BAD_CREDENTIALS.includes(name) || name === 'CredentialsProviderError') {
    return new MqError('MQ_INVALID_CONFIG', `SQS did not accept the credentials for ${operation} (${name}): check the default credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an instance or task role) and that they belong to ${where(target)}.`, {
      cause: error,
      details: { ...details, reason: 'credentials' },
    });
  }
  if (ACCESS_DENIED.includes(name) || status === 403) {
    return new MqError('MQ_PROVIDER_ERROR', `SQS denied ${operation}${on} (${name || 'HTTP 403'}): check that the IAM policy of these credentials allows the sqs:* actions listed in docs/sqs.md on arn:aws:sqs:<region>:<account>:<prefix>*.`, {
      cause: error,
      details: { ...details, reason: 'access-denied' },
    });
  }
  if (THROTTLED.includes(name) || status === 429) {
    return new ProviderUnavailableError(`SQS kept throttling ${operation}${on} after retries with backoff: send less, or raise the account's SQS quotas; try again later.`, {
      cause: error,
      details: { ...details, reason: 'throttled' },
    });
  }
  if ((status !== undefined && status >= 500) || isNetworkError(error)) {
    return new ProviderUnavailableError(`SQS is unreachable or failing (${where(target)}) during ${operation}: check AWS_REGION and SQS_ENDPOINT, and the network path to it; try again later.`, {
      cause: error,
      details: { ...details, reason: status !== undefined && status >= 500 ? 'server-error' : 'unreachable' },
    });
  }
  return new MqError('MQ_PROVIDER_ERROR', `SQS rejected ${operation}${on}${name ? ` (${name})` : ''}.`, { cause: error, details: { ...details, reason: 'rejected' } });
}

function isNetworkError(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown; cause?: unknown } | null;
  if (typeof e?.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return true;
  if (e?.name === 'TimeoutError' || e?.name === 'RequestTimeout' || e?.name === 'NetworkingError') return true;
  return e?.cause !== undefined && e.cause !== error && isNetworkError(e.cause);
}
