import { ValidationError } from '../errors/validation-error.js';
import type { QueueProvider } from '../provider/queue-provider.js';

/** The longest idempotency window a queue may ask for: 24 hours. */
export const MAX_IDEMPOTENCY_WINDOW_MS = 86_400_000;

/**
 * The idempotency window of each queue (docs/deduplication.md): how long a provider remembers an
 * id after it leaves the queue, so a producer's retry of an enqueue that did land is a no-op.
 * Default twice enqueueTimeoutMs (20 s); options.idempotencyWindowMs and options.queueIdempotencyWindowMs
 * (per queue) change it; 0 = off. Told to the provider (doSetIdempotencyWindow) once per queue.
 */
export class IdempotencyWindows {
  private readonly defaultMs: number;
  private readonly perQueue: ReadonlyMap<string, number>;

  constructor(enqueueTimeoutMs: number, windowMs: unknown, perQueue: unknown) {
    // Default: twice the time an enqueue retries for, so a retry of an enqueue that landed (and was
    // acked meanwhile) still finds its id; 0 with enqueueTimeoutMs 0 (no retries to cover).
    this.defaultMs = windowMs === undefined ? Math.min(2 * enqueueTimeoutMs, MAX_IDEMPOTENCY_WINDOW_MS) : validateWindow(windowMs, 'idempotencyWindowMs');
    this.perQueue = readPerQueue(perQueue);
  }

  /** The window of `queueName` in ms (0: off). */
  windowOf(queueName: string): number {
    return this.perQueue.get(queueName) ?? this.defaultMs;
  }

  /** Tells `provider` the window of each of `queueNames` (no-op for a provider without the method). */
  apply(provider: QueueProvider | undefined, queueNames: Iterable<string>): void {
    if (provider?.doSetIdempotencyWindow === undefined) return;
    for (const name of queueNames) {
      // Declared void; a provider (or a proxy in front of one) that answers with a promise must not leave it unhandled.
      const answer: unknown = provider.doSetIdempotencyWindow(name, this.windowOf(name));
      if (answer instanceof Promise) answer.catch(() => undefined);
    }
  }
}

function validateWindow(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_IDEMPOTENCY_WINDOW_MS) {
    throw new ValidationError('MQ_INVALID_CONFIG', `options.${field} must be an integer number of ms from 0 (off) to ${MAX_IDEMPOTENCY_WINDOW_MS} (24 hours); got ${String(value)}.`, {
      field,
    });
  }
  return value;
}

function readPerQueue(value: unknown): ReadonlyMap<string, number> {
  if (value === undefined) return new Map();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'options.queueIdempotencyWindowMs must be an object of queue name → window in ms, e.g. { orders: 300000 }.', {
      field: 'queueIdempotencyWindowMs',
    });
  }
  return new Map(Object.entries(value).map(([name, ms]) => [name, validateWindow(ms, `queueIdempotencyWindowMs.${name}`)]));
}
