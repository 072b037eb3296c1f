import type { Clock } from '../clock/clock.js';
import { MqError } from '../errors/mq-error.js';
import type { ReceivedMessage } from '../message/queue-message.js';
import { validatePositiveInteger } from '../message/validate.js';
import { DeliveryContext } from './delivery-context.js';
import { toError } from './error-info.js';
import { HandlerDeadlines } from './handler-deadlines.js';
import { settleWithRetry } from './settle-with-retry.js';
import { laneSizes, SubscriptionLane } from './subscription-lane.js';

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

/** One message being handled: its context and when its handler times out. */
class Delivery {
  readonly context: DeliveryContext;

  constructor(
    readonly message: ReceivedMessage,
    queueName: string,
    readonly deadline: number,
    readonly lane: SubscriptionLane,
  ) {
    this.context = new DeliveryContext(queueName);
  }
}

/** A running consumer: takes up to `concurrency` messages at a time and settles each by its handler's outcome. */
export class Subscription {
  private closing = false;
  private closePromise: Promise<void> | undefined;
  private readonly stop = new AbortController();
  /** Set when close() gave up waiting: handlers were aborted and failures give messages back. */
  private abandoned = false;
  /** Deliveries not yet settled (handler running, or its ack/nack in flight), over all lanes. */
  private inFlight = 0;
  private readonly lanes: SubscriptionLane[];
  /** The last take failure reported, so lanes that fail together report it once. */
  private lastFailure: { message: string; at: number } | undefined;
  /** One doWaitForWork shared by the lanes that found the queue empty. */
  private waiting: Promise<Error | undefined> | undefined;
  private readonly deadlines: HandlerDeadlines<Delivery>;
  private onDrained: (() => void) | undefined;
  private readonly loopDone: Promise<void>;

  constructor(
    private readonly engine: SubscriptionEngine,
    readonly queueName: string,
    private readonly handler: MessageHandler,
    private readonly options: ResolvedSubscribeOptions,
    private readonly onClosed: (subscription: Subscription) => void,
  ) {
    this.deadlines = new HandlerDeadlines<Delivery>(engine.clock, (delivery) => void this.timeOut(delivery));
    this.lanes = laneSizes(options.concurrency).map((size) => new SubscriptionLane(size));
    this.loopDone = Promise.all(this.lanes.map((lane) => this.loop(lane))).then(() => undefined);
  }

  /** Handlers running now. */
  get active(): number {
    let running = 0;
    for (const lane of this.lanes) running += lane.running;
    return running;
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
    for (const lane of this.lanes) lane.wakeUp();
    await this.loopDone;
    const drained = this.inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.onDrained = resolve));
    if (!(await this.within(drained, this.options.closeTimeoutMs))) {
      this.abandoned = true;
      const reason = closingError(this.queueName);
      this.deadlines.forEach((delivery) => delivery.context.abort(reason));
    }
    this.deadlines.dispose();
    this.onClosed(this);
  }

  /**
   * Takes while the lane's handler slots are free. A slot frees when its handler returns, not when
   * its ack comes back: the next take goes out while the acks are in flight (a provider may send
   * them together). With handlers of the lane still running, a take waits one turn of the event
   * loop, so handlers that finish together are taken for together.
   */
  private async loop(lane: SubscriptionLane): Promise<void> {
    let errorDelayMs = 0;
    while (!this.closing) {
      const free = lane.free;
      if (free <= 0) {
        await lane.sleep();
        if (lane.running > 0) await new Promise<void>((resolve) => setImmediate(resolve));
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
      for (const message of batch) this.start(message, lane);
      if (batch.length < free) {
        const failure = await this.waitForWork();
        if (failure !== undefined) {
          errorDelayMs = Math.min(5000, Math.max(100, errorDelayMs * 2));
          await this.fail(failure, errorDelayMs, false);
        }
      }
    }
  }

  /** Waits for work once for every lane that found the queue empty; reports a failure once. */
  private waitForWork(): Promise<Error | undefined> {
    if (this.waiting !== undefined) return this.waiting;
    const waiting = this.engine.waitForWork(this.queueName, this.stop.signal).then(
      () => undefined,
      (error: unknown) => {
        const failure = toError(error);
        if (!this.closing) this.engine.reportError(failure);
        return failure;
      },
    );
    this.waiting = waiting;
    void waiting.finally(() => {
      if (this.waiting === waiting) this.waiting = undefined;
    });
    return waiting;
  }

  private async fail(error: unknown, pauseMs: number, report = true): Promise<void> {
    if (this.closing) return;
    const failure = toError(error);
    if (report && !this.reportedJustNow(failure)) this.engine.reportError(failure);
    await this.within(new Promise<never>(() => undefined), pauseMs, this.stop.signal);
  }

  /**
   * True when the same failure was reported less than 100 ms ago: lanes that fail together report
   * it once. One lane's own failures are at least its first pause (100 ms) apart.
   */
  private reportedJustNow(failure: Error): boolean {
    const now = this.engine.clock.now();
    const last = this.lastFailure;
    if (last !== undefined && last.message === failure.message && now - last.at < 100) return true;
    this.lastFailure = { message: failure.message, at: now };
    return false;
  }

  private start(message: ReceivedMessage, lane: SubscriptionLane): void {
    const delivery = new Delivery(message, this.queueName, this.engine.clock.now() + this.options.timeoutMs, lane);
    this.inFlight++;
    lane.inFlight++;
    lane.running++;
    this.deadlines.add(delivery);
    void this.run(delivery);
  }

  /** Runs the handler, then acks, nacks or gives back, unless the deadline fired first (timeOut settled it). */
  private async run(delivery: Delivery): Promise<void> {
    let failure: unknown;
    let ok = true;
    try {
      // Handlers start after the whole batch was started, never inside start().
      await Promise.resolve();
      await this.handler(delivery.message, delivery.context);
    } catch (error) {
      ok = false;
      failure = error;
    }
    if (!this.deadlines.delete(delivery)) return;
    const { message } = delivery;
    let settling: Promise<unknown>;
    if (ok) settling = this.settle(message, () => this.engine.ack(message));
    else if (this.abandoned) settling = this.settle(message, () => this.engine.release(message));
    else settling = this.settle(message, () => this.engine.nack(message, toError(failure)));
    // The settle is on its way (a provider may send it along with the next take): free the slot.
    this.handlerDone(delivery);
    try {
      await settling;
    } catch (error) {
      this.engine.reportError(toError(error));
    }
    this.settled(delivery);
  }

  /** The handler ran past timeoutMs: abort its signal and fail the attempt (the handler may still be running). */
  private async timeOut(delivery: Delivery): Promise<void> {
    const { message } = delivery;
    const timeout = new MqError('MQ_HANDLER_TIMEOUT', `Handler for queue "${this.queueName}" ran longer than timeoutMs ${this.options.timeoutMs}.`, {
      details: { queueName: this.queueName, messageId: message.id, timeoutMs: this.options.timeoutMs },
    });
    delivery.context.abort(timeout);
    this.handlerDone(delivery);
    try {
      await this.settle(message, () => this.engine.nack(message, timeout));
    } catch (error) {
      this.engine.reportError(toError(error));
    }
    this.settled(delivery);
  }

  /** Settles a message, again while the store is unreachable and the lease holds (see settleWithRetry). */
  private settle(message: ReceivedMessage, action: () => Promise<unknown>): Promise<unknown> {
    return settleWithRetry(action, this.engine.clock, message.lease.expiresAt);
  }

  /** A handler returned (or timed out): its slot is free for the next take. */
  private handlerDone(delivery: Delivery): void {
    delivery.lane.running--;
    delivery.lane.wakeUp();
  }

  private settled(delivery: Delivery): void {
    this.inFlight--;
    delivery.lane.inFlight--;
    delivery.lane.wakeUp();
    if (this.inFlight === 0 && this.onDrained !== undefined) {
      const drained = this.onDrained;
      this.onDrained = undefined;
      drained();
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
