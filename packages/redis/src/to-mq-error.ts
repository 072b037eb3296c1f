import { MqError, ProviderUnavailableError } from '@mq/core/provider';

const UNAVAILABLE = [
  'Connection is closed',
  "Stream isn't writeable",
  'Command timed out',
  'Reached the max retries per request limit',
  'None of startup nodes is available',
  'Cluster isn\'t ready',
  'Failed to refresh slots cache',
  'connect ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'LOADING',
  'CLUSTERDOWN',
  'TRYAGAIN',
  'MASTERDOWN',
  'READONLY',
  'BUSY ',
];

/** True when a Redis error means "not reachable now, try later" rather than a bug or bad data. */
export function isUnavailableError(error: unknown): boolean {
  if (MqError.isInstance(error)) return error.code === 'MQ_PROVIDER_UNAVAILABLE';
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return true;
  return UNAVAILABLE.some((fragment) => message.includes(fragment));
}

/**
 * Turns anything a Redis call threw into an MqError whose message is ours: the raw Redis text
 * stays in `cause` (for logs), never in `message` (which may reach an HTTP response).
 */
export function toMqError(error: unknown, operation: string): MqError {
  if (MqError.isInstance(error)) return error;
  if (isUnavailableError(error)) {
    return new ProviderUnavailableError(`Redis is unreachable or did not answer during ${operation}; try again later.`, {
      cause: error,
      details: { operation },
    });
  }
  const message = error instanceof Error ? error.message : '';
  const reason = message.startsWith('OOM ') ? ' (Redis is out of memory: raise maxmemory, keep maxmemory-policy noeviction)' : '';
  return new MqError('MQ_PROVIDER_ERROR', `Redis rejected ${operation}${reason}.`, { cause: error, details: { operation } });
}
