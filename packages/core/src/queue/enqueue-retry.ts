import type { Clock } from '../clock/clock.js';
import { sleep } from '../clock/sleep.js';
import { isMqError } from '../errors/mq-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import type { EnqueueRecord, EnqueueResult } from '../provider/queue-provider.js';
import type { ProviderGateway } from './provider-gateway.js';

/** The first pause after a failed enqueue; each next one doubles, up to MAX_BACKOFF_MS. */
const FIRST_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 1000;

/**
 * After an enqueue failed with MQ_PROVIDER_UNAVAILABLE (the store unreachable, or a command that
 * timed out), sends the same records again with backoff until one attempt answers or
 * `timeoutMs` has passed since the failure; runs only on that failure path, so an enqueue that
 * succeeds pays nothing. Why sending again is safe: the records keep their ids, and a store
 * refuses an id it already holds (all or none), so when an earlier attempt did land, the next
 * one finds its ids already there: that attempt is taken as stored. After the deadline the error
 * says that the outcome is unknown and that retrying with the same ids is safe.
 * Other failures (a bad record, a closed queue) are thrown at once.
 */
export async function retryEnqueue(gateway: ProviderGateway, clock: Clock, queueName: string, records: readonly EnqueueRecord[], failure: unknown, timeoutMs: number): Promise<EnqueueResult> {
  if (timeoutMs === 0 || !isMqError(failure, 'MQ_PROVIDER_UNAVAILABLE')) throw failure;
  const deadline = clock.now() + timeoutMs;
  let last: unknown = failure;
  let backoffMs = FIRST_BACKOFF_MS;
  let attempts = 1;
  for (;;) {
    const wait = Math.min(backoffMs, deadline - clock.now());
    if (wait <= 0) break;
    await sleep(clock, wait);
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    attempts++;
    try {
      const result = await gateway.enqueue(queueName, records);
      // An earlier attempt landed (the store holds these ids now): the enqueue is done.
      return result.duplicateIds.length > 0 ? { duplicateIds: [] } : result;
    } catch (error) {
      if (!isMqError(error, 'MQ_PROVIDER_UNAVAILABLE')) throw error;
      last = error;
    }
  }
  const ids = records.map((r) => r.id);
  throw new ProviderUnavailableError(
    `Enqueue to queue "${queueName}" failed ${attempts} time(s) within ${timeoutMs} ms (enqueueTimeoutMs); the outcome is unknown: ` +
      `the message(s) may or may not be stored. Retrying with the same message id(s) is safe.`,
    { cause: last, details: { queueName, ids, outcome: 'unknown', attempts } },
  );
}
