import type { DeadRecord, ListOptions } from '../provider/queue-provider.js';
import { ForwardingProvider } from './forwarding-provider.js';
import { unsupportedError } from './unsupported-error.js';

const INSTEAD = 'see them as they happen with the deadLetter event or subscribeEvents(); replayDeadLetters(queue) and purgeDeadLetters(queue) without ids act on all of them.';

/**
 * For a store that keeps dead letters but cannot list them (capabilities.deadLetters 'none', e.g.
 * a queue that can only be received from): listing, and replaying or purging some by id, fail with MQ_UNSUPPORTED
 * before the store is called; replaying or purging all of them is the store's to do.
 */
export class UnlistedDeadLetters extends ForwardingProvider {
  override doListDeadLetters(_queueName: string, _options: ListOptions): Promise<DeadRecord[]> {
    return Promise.reject(unsupportedError(this.name, 'deadLetters', 'list dead letters', INSTEAD));
  }

  override doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    if (ids !== undefined) return Promise.reject(unsupportedError(this.name, 'deadLetters', 'replay dead letters by id', INSTEAD));
    return this.inner.doReplayDeadLetters(queueName, ids);
  }

  override doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    if (ids !== undefined) return Promise.reject(unsupportedError(this.name, 'deadLetters', 'purge dead letters by id', INSTEAD));
    return this.inner.doPurgeDeadLetters(queueName, ids);
  }
}
