import type { Clock } from '../clock/clock.js';
import { MqError } from '../errors/mq-error.js';

/** Tries of one settle at most (with pauses of 100 ms doubling to 1 s, well past any lease). */
const MAX_TRIES = 20;

/**
 * Runs a subscription's ack, nack or give-back, and runs it again while the store is unreachable
 * (MQ_PROVIDER_UNAVAILABLE) and the lease still holds: a connection that drops for a moment must
 * not turn a finished message into a redelivery. A retry is safe because the lease token fences
 * it: if an earlier try did reach the store, the retry finds the lease gone and fails with
 * MQ_LEASE_LOST, changing nothing. `leaseExpiresAt` is on the provider's clock, so on another
 * host the retries may stop a little early or late; either way the store decides.
 */
export function settleWithRetry<R>(action: () => Promise<R>, clock: Clock, leaseExpiresAt: number): Promise<R> {
  // The first try adds no async frame: this runs for every message a subscription settles.
  let first: Promise<R>;
  try {
    first = action();
  } catch (error) {
    first = Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return first.catch((error: unknown) => retry(action, clock, leaseExpiresAt, error));
}

async function retry<R>(action: () => Promise<R>, clock: Clock, leaseExpiresAt: number, firstError: unknown): Promise<R> {
  let error = firstError;
  for (let attempt = 1; ; attempt++) {
    const pauseMs = Math.min(1000, 50 * 2 ** attempt);
    const unavailable = MqError.isInstance(error) && error.code === 'MQ_PROVIDER_UNAVAILABLE';
    if (!unavailable || attempt >= MAX_TRIES || clock.now() + pauseMs >= leaseExpiresAt) throw error;
    await new Promise<void>((resolve) => clock.setTimeout(resolve, pauseMs));
    try {
      return await action();
    } catch (next) {
      error = next;
    }
  }
}
