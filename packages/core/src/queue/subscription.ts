import { settlesWithin } from '../clock/settles-within.js';
import { MqError } from '../errors/mq-error.js';
import type { ReceivedMessage } from '../message/queue-message.js';
import { Delivery } from './delivery.js';
import { toError } from './error-info.js';
import { HandlerDeadlines } from './handler-deadlines.js';
import { settleWithRetry } from './settle-with-retry.js';
import type { MessageHandler, ResolvedSubscribeOptions, SubscriptionEngine } from './subscribe-options.js';
import { laneSizes, SubscriptionLane } from './subscription-lane.js';
import { TakeTurns } from './take-turns.js';

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
  private readonly turns = new TakeTurns();
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
    if (!(await settlesWithin(this.engine.clock, drained, this.options.closeTimeoutMs))) {
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
   * loop, so handlers that finish together are taken for together. Batches start in the order
   * their takes were sent, over all lanes (see TakeTurns).
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
      const turn = this.turns.draw();
      let batch: ReceivedMessage[] | undefined;
      let takeFailure: unknown;
      try {
        batch = await this.engine.take(this.queueName, free, this.options.leaseMs);
        errorDelayMs = 0;
      } catch (error) {
        takeFailure = error;
      }
      const later = this.turns.wait(turn);
      if (later !== undefined) await later;
      if (batch === undefined) {
        this.turns.done(turn);
        errorDelayMs = Math.min(5000, Math.max(100, errorDelayMs * 2));
        await this.fail(takeFailure, errorDelayMs);
        continue;
      }
      if (this.closing) {
        this.turns.done(turn);
        await Promise.all(batch.map((message) => this.engine.release(message).catch((e: unknown) => this.engine.reportError(toError(e)))));
        break;
      }
      for (const message of batch) this.start(message, lane);
      this.turns.done(turn);
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
    await settlesWithin(this.engine.clock, new Promise<never>(() => undefined), pauseMs, this.stop.signal);
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
      // Through the queue's aroundHandler hooks, if any (engine edit for issue 11 instrumentation; subs owns this file).
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
}

function closingError(queueName: string): MqError {
  return new MqError('MQ_CLOSED', `The subscription to queue "${queueName}" is shutting down.`, { details: { queueName } });
}
