import type { Clock } from '../clock/clock.js';
import { settlesWithin } from '../clock/settles-within.js';
import { MqError } from '../errors/mq-error.js';
import type { ReceivedMessage } from '../message/queue-message.js';
import { Delivery } from './delivery.js';
import { toError } from './error-info.js';
import { FAILURE_PAUSE_FIRST_MS } from './failure-pause.js';
import { HandlerDeadlines } from './handler-deadlines.js';
import { settleWithRetry } from './settle-with-retry.js';
import type { MessageHandler, ResolvedSubscribeOptions, SubscriptionEngine } from './subscribe-options.js';
import { laneSizes, SubscriptionLane, type LaneOwner } from './subscription-lane.js';
import { takeUnlessStopped } from './take-unless-stopped.js';
import { TakeTurns } from './take-turns.js';

/**
 * How long a take may wait for a record on a provider with a blocking take. 20 s is the longest
 * long poll of SQS: an idle subscription sends one take per 20 s, and a provider that cannot wait
 * that long answers sooner (empty) and is asked again. Not "the time to the next handler
 * deadline": deadlines fire on their own timer (HandlerDeadlines), not in the take loop. A long
 * wait costs nothing at close: close() does not wait for a pending take.
 */
export const BLOCKING_TAKE_WAIT_MS = 20_000;

/**
 * The same take failure again within this window comes from another lane (one lane's own failures
 * are at least its first pause apart), so lanes that fail together report it once.
 */
const SAME_FAILURE_WINDOW_MS = FAILURE_PAUSE_FIRST_MS;

/** What subscribe() returns: a running consumer of one queue. */
export interface Subscription {
  readonly queueName: string;
  /** Handlers running now. */
  readonly active: number;
  /** True from the moment close() is called (disconnect() calls it too). */
  readonly closed: boolean;
  /** Stops taking messages, waits up to closeTimeoutMs for handlers in flight (and their acks), then aborts the rest. Idempotent. */
  close(): Promise<void>;
}

/**
 * The consumer behind a Subscription: takes up to `concurrency` messages at a time and settles each
 * by its handler's outcome. It owns its lanes (each runs the take loop, see SubscriptionLane), the
 * handlers' deadlines and the close; the lanes share, through it, the take, the order in which
 * batches start, one wait for work and one report per failure. Totals are the lanes' sums.
 */
export class QueueSubscription implements Subscription, LaneOwner {
  readonly clock: Clock;
  readonly blockingTake: boolean;
  readonly turns = new TakeTurns();
  readonly stopped: AbortSignal;
  private readonly stop = new AbortController();
  private closePromise: Promise<void> | undefined;
  /** Set when close() gave up waiting: handlers were aborted and failures give messages back. */
  private abandoned = false;
  private readonly lanes: SubscriptionLane[];
  private readonly lanesDone: Promise<void>;
  private readonly deadlines: HandlerDeadlines<Delivery>;
  /** The last take failure reported, so lanes that fail together report it once. */
  private lastFailure: { message: string; at: number } | undefined;
  /** The doWaitForWork shared by the lanes that found the queue empty. */
  private waiting: Promise<Error | undefined> | undefined;
  private onDrained: (() => void) | undefined;

  constructor(
    private readonly engine: SubscriptionEngine,
    readonly queueName: string,
    private readonly handler: MessageHandler,
    private readonly options: ResolvedSubscribeOptions,
    private readonly onClosed: (subscription: Subscription) => void,
  ) {
    this.clock = engine.clock;
    this.blockingTake = engine.blockingTake;
    this.stopped = this.stop.signal;
    this.deadlines = new HandlerDeadlines<Delivery>(engine.clock, (delivery) => void this.timeOut(delivery));
    // With a blocking take, one lane: a take may wait BLOCKING_TAKE_WAIT_MS, and a second lane's
    // batch would wait behind it to keep take order (TakeTurns); an idle subscription would also
    // keep two takes waiting instead of one.
    const sizes = engine.blockingTake ? [options.concurrency] : laneSizes(options.concurrency);
    this.lanes = sizes.map((size) => new SubscriptionLane(size, this));
    this.lanesDone = Promise.all(this.lanes.map((lane) => lane.run())).then(() => undefined);
  }

  get active(): number {
    let running = 0;
    for (const lane of this.lanes) running += lane.running;
    return running;
  }

  get closed(): boolean {
    return this.stopped.aborted;
  }

  close(): Promise<void> {
    this.closePromise ??= this.shutDown();
    return this.closePromise;
  }

  private async shutDown(): Promise<void> {
    this.stop.abort();
    for (const lane of this.lanes) lane.wakeUp();
    await this.lanesDone;
    if (!(await settlesWithin(this.clock, this.drained(), this.options.closeTimeoutMs))) {
      this.abandoned = true;
      const reason = closingError(this.queueName);
      this.deadlines.forEach((delivery) => delivery.context.abort(reason));
    }
    this.deadlines.dispose();
    this.onClosed(this);
  }

  // What the lanes share (LaneOwner, documented there).

  take(max: number): Promise<ReceivedMessage[]> {
    const { engine, queueName, options } = this;
    if (!this.blockingTake) return engine.take(queueName, max, options.leaseMs, undefined, options.groupConcurrency);
    return takeUnlessStopped(engine.take(queueName, max, options.leaseMs, BLOCKING_TAKE_WAIT_MS, options.groupConcurrency), this.stopped, (late) => this.giveBack(late));
  }

  giveBack(batch: readonly ReceivedMessage[]): Promise<void> {
    const { engine } = this;
    return Promise.all(batch.map((message) => engine.release(message).catch((error: unknown) => engine.reportError(toError(error))))).then(() => undefined);
  }

  waitForWork(): Promise<Error | undefined> {
    if (this.waiting !== undefined) return this.waiting;
    const waiting = this.engine.waitForWork(this.queueName, this.stopped).then(
      () => undefined,
      (error: unknown) => {
        const failure = toError(error);
        if (!this.closed) this.engine.reportError(failure);
        return failure;
      },
    );
    this.waiting = waiting;
    void waiting.finally(() => {
      if (this.waiting === waiting) this.waiting = undefined;
    });
    return waiting;
  }

  reportTakeFailure(error: unknown): void {
    if (this.closed) return;
    const failure = toError(error);
    const now = this.clock.now();
    const last = this.lastFailure;
    if (last !== undefined && last.message === failure.message && now - last.at < SAME_FAILURE_WINDOW_MS) return;
    this.lastFailure = { message: failure.message, at: now };
    this.engine.reportError(failure);
  }

  // One delivery: its handler under a deadline, then its settle.

  start(message: ReceivedMessage, lane: SubscriptionLane): void {
    const delivery = new Delivery(message, this.queueName, this.clock.now() + this.options.timeoutMs, lane);
    lane.started();
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
      // Through the queue's aroundHandler hooks, if any.
      await this.engine.runHandler(this.handler, delivery.message, delivery.context);
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
    delivery.lane.handlerDone();
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
    const { queueName } = this;
    const { timeoutMs } = this.options;
    const timeout = new MqError('MQ_HANDLER_TIMEOUT', `Handler for queue "${queueName}" ran longer than timeoutMs ${timeoutMs}.`, {
      details: { queueName, messageId: message.id, timeoutMs },
    });
    delivery.context.abort(timeout);
    delivery.lane.handlerDone();
    try {
      await this.settle(message, () => this.engine.nack(message, timeout));
    } catch (error) {
      this.engine.reportError(toError(error));
    }
    this.settled(delivery);
  }

  /** Settles a message, again while the store is unreachable and the lease holds (see settleWithRetry). */
  private settle(message: ReceivedMessage, action: () => Promise<unknown>): Promise<unknown> {
    return settleWithRetry(action, this.clock, message.lease.expiresAt);
  }

  private settled(delivery: Delivery): void {
    delivery.lane.settled();
    if (this.onDrained !== undefined && this.inFlight === 0) {
      const drained = this.onDrained;
      this.onDrained = undefined;
      drained();
    }
  }

  /** Deliveries not yet settled (handler running, or its ack/nack in flight), over all lanes. */
  private get inFlight(): number {
    let unsettled = 0;
    for (const lane of this.lanes) unsettled += lane.inFlight;
    return unsettled;
  }

  /** Resolves once no delivery is in flight. */
  private drained(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise<void>((resolve) => (this.onDrained = resolve));
  }
}

function closingError(queueName: string): MqError {
  return new MqError('MQ_CLOSED', `The subscription to queue "${queueName}" is shutting down.`, { details: { queueName } });
}
