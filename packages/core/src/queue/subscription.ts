import type { Clock } from '../clock/clock.js';
import { MqError } from '../errors/mq-error.js';
import type { ReceivedMessage } from '../message/queue-message.js';
import { validatePositiveInteger } from '../message/validate.js';
import { toError } from './error-info.js';

export interface HandlerContext {
  /** Fires when the handler's timeoutMs passes or the subscription shuts down. */
  readonly signal: AbortSignal;
  readonly queueName: string;
}

export type MessageHandler<T = unknown> = (message: ReceivedMessage<T>, context: HandlerContext) => Promise<void> | void;

export interface SubscribeOptions {
  /** Handlers running at once; default 1. */
  concurrency?: number;
  /** Lease per taken message; default the queue's visibilityTimeoutMs. */
  visibilityTimeoutMs?: number;
  /** Per-message handler timeout; default the lease. On timeout the signal fires and the attempt fails. */
  timeoutMs?: number;
  /** How long close() waits for handlers in flight before it aborts them; default 10000. */
  closeTimeoutMs?: number;
}

/** What a subscription needs from its queue; the queue passes itself in through this. */
export interface SubscriptionEngine {
  readonly clock: Clock;
  take(queueName: string, max: number, leaseMs: number): Promise<ReceivedMessage[]>;
  ack(message: ReceivedMessage): Promise<void>;
  nack(message: ReceivedMessage, error: Error): Promise<unknown>;
  /** Gives a message back unharmed (its attempt is refunded). */
  release(message: ReceivedMessage): Promise<void>;
  waitForWork(queueName: string, signal: AbortSignal): Promise<void>;
  reportError(error: Error): void;
}

export interface ResolvedSubscribeOptions {
  readonly concurrency: number;
  readonly leaseMs: number;
  readonly timeoutMs: number;
  readonly closeTimeoutMs: number;
}

/** Checks subscribe() options and fills in defaults (the lease and close timeout come from the queue). */
export function resolveSubscribeOptions(options: SubscribeOptions, defaults: { leaseMs: number; closeTimeoutMs: number }): ResolvedSubscribeOptions {
  const leaseMs = options.visibilityTimeoutMs === undefined ? defaults.leaseMs : validatePositiveInteger(options.visibilityTimeoutMs, 'visibilityTimeoutMs');
  return {
    concurrency: options.concurrency === undefined ? 1 : validatePositiveInteger(options.concurrency, 'concurrency', 10_000),
    leaseMs,
    timeoutMs: options.timeoutMs === undefined ? leaseMs : validatePositiveInteger(options.timeoutMs, 'timeoutMs'),
    closeTimeoutMs: options.closeTimeoutMs === undefined ? defaults.closeTimeoutMs : validatePositiveInteger(options.closeTimeoutMs, 'closeTimeoutMs'),
  };
}

/** A running consumer: takes up to `concurrency` messages at a time and settles each by its handler's outcome. */
export class Subscription {
  private closing = false;
  private closePromise: Promise<void> | undefined;
  private readonly stop = new AbortController();
  private readonly shutdown = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private wakeLoop: (() => void) | undefined;
  private readonly loopDone: Promise<void>;

  constructor(
    private readonly engine: SubscriptionEngine,
    readonly queueName: string,
    private readonly handler: MessageHandler,
    private readonly options: ResolvedSubscribeOptions,
    private readonly onClosed: (subscription: Subscription) => void,
  ) {
    this.loopDone = this.loop();
  }

  /** Handlers running now. */
  get active(): number {
    return this.inFlight.size;
  }

  get closed(): boolean {
    return this.closing;
  }

  /** Stops taking messages, waits up to closeTimeoutMs for handlers in flight, then aborts the rest. */
  close(): Promise<void> {
    this.closePromise ??= this.shutDown();
    return this.closePromise;
  }

  private async shutDown(): Promise<void> {
    this.closing = true;
    this.stop.abort();
    this.wakeLoop?.();
    await this.loopDone;
    const drained = Promise.all([...this.inFlight]).then(() => true);
    if (!(await this.within(drained, this.options.closeTimeoutMs))) this.shutdown.abort(closingError(this.queueName));
    this.onClosed(this);
  }

  private async loop(): Promise<void> {
    let errorDelayMs = 0;
    while (!this.closing) {
      const free = this.options.concurrency - this.inFlight.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.wakeLoop = resolve));
        continue;
      }
      let batch: ReceivedMessage[];
      try {
        batch = await this.engine.take(this.queueName, free, this.options.leaseMs);
        errorDelayMs = 0;
      } catch (error) {
        errorDelayMs = Math.min(5000, Math.max(100, errorDelayMs * 2));
        await this.fail(error, errorDelayMs);
        continue;
      }
      if (this.closing) {
        await Promise.all(batch.map((message) => this.engine.release(message).catch((e: unknown) => this.engine.reportError(toError(e)))));
        break;
      }
      for (const message of batch) this.start(message);
      if (batch.length < free) {
        try {
          await this.engine.waitForWork(this.queueName, this.stop.signal);
        } catch (error) {
          errorDelayMs = Math.min(5000, Math.max(100, errorDelayMs * 2));
          await this.fail(error, errorDelayMs);
        }
      }
    }
  }

  private async fail(error: unknown, pauseMs: number): Promise<void> {
    if (this.closing) return;
    this.engine.reportError(toError(error));
    await this.within(new Promise<never>(() => undefined), pauseMs, this.stop.signal);
  }

  private start(message: ReceivedMessage): void {
    const run = this.process(message).finally(() => {
      this.inFlight.delete(run);
      const wake = this.wakeLoop;
      this.wakeLoop = undefined;
      wake?.();
    });
    this.inFlight.add(run);
  }

  private async process(message: ReceivedMessage): Promise<void> {
    const controller = new AbortController();
    const onShutdown = (): void => controller.abort(this.shutdown.signal.reason);
    this.shutdown.signal.addEventListener('abort', onShutdown, { once: true });
    const outcome = Promise.resolve()
      .then(() => this.handler(message, { signal: controller.signal, queueName: this.queueName }))
      .then(
        () => ({ ok: true as const }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    const finished = await this.within(outcome, this.options.timeoutMs);
    this.shutdown.signal.removeEventListener('abort', onShutdown);
    try {
      if (!finished) {
        const timeout = new MqError('MQ_HANDLER_TIMEOUT', `Handler for queue "${this.queueName}" ran longer than timeoutMs ${this.options.timeoutMs}.`, {
          details: { queueName: this.queueName, messageId: message.id, timeoutMs: this.options.timeoutMs },
        });
        controller.abort(timeout);
        await this.engine.nack(message, timeout);
        return;
      }
      const result = await outcome;
      if (result.ok) await this.engine.ack(message);
      else if (this.shutdown.signal.aborted) await this.engine.release(message);
      else await this.engine.nack(message, toError(result.error));
    } catch (error) {
      this.engine.reportError(toError(error));
    }
  }

  /** True if `promise` settles within `ms` on the engine's clock (or before `signal` aborts). */
  private within(promise: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const done = (value: boolean): void => {
        this.engine.clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onAbort = (): void => done(false);
      const timer = this.engine.clock.setTimeout(() => done(false), ms);
      signal?.addEventListener('abort', onAbort, { once: true });
      promise.then(
        () => done(true),
        () => done(true),
      );
    });
  }
}

function closingError(queueName: string): MqError {
  return new MqError('MQ_CLOSED', `The subscription to queue "${queueName}" is shutting down.`, { details: { queueName } });
}
