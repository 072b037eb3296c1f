import type { Clock } from '../clock/clock.js';
import { sleep } from '../clock/sleep.js';
import { MqError } from '../errors/mq-error.js';

/** The pause before the first retry: short, because the lease keeps running while we wait. */
const FIRST_PAUSE_MS = 100;
/** Pauses stop growing at 1 s, so tries keep coming while the lease holds (leases last seconds). */
const MAX_PAUSE_MS = 1000;
/** Tries of one settle at most: a backstop for long leases (19 pauses of 100 ms doubling to 1 s are about 16.5 s). */
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
    const pauseMs = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (attempt - 1));
    const unavailable = MqError.isInstance(error) && error.code === 'MQ_PROVIDER_UNAVAILABLE';
    if (!unavailable || attempt >= MAX_TRIES || clock.now() + pauseMs >= leaseExpiresAt) throw error;
    await sleep(clock, pauseMs);
    try {
      return await action();
    } catch (next) {
      error = next;
    }
  }
}
