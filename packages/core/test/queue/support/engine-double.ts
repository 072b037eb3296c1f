import type { Clock } from '../../../src/clock/clock.js';
import type { ReceivedMessage } from '../../../src/message/queue-message.js';
import type { HandlerContext, MessageHandler, SubscriptionEngine } from '../../../src/queue/subscribe-options.js';

/** One take the subscription sent. */
export interface TakeCall {
  readonly max: number;
  readonly leaseMs: number;
  readonly waitMs: number | undefined;
  /** When it was sent, on the clock. */
  readonly at: number;
}

/**
 * A small queue behind the SubscriptionEngine seam, for subscription tests: messages pushed in are
 * taken in order. With `blockingTake`, a take of an empty queue waits (on the clock) up to its
 * waitMs for a push, as a long-polling store does; nothing can call such a take off.
 */
export class EngineDouble implements SubscriptionEngine {
  readonly takes: TakeCall[] = [];
  readonly acked: string[] = [];
  readonly released: string[] = [];
  readonly nacked: { id: string; error: Error }[] = [];
  readonly errors: Error[] = [];
  readonly handlerRuns: { messageId: string; queueName: string }[] = [];
  waitsForWork = 0;
  /** Takes waiting for a push. */
  pendingTakes = 0;
  /** While set, takes fail with it. */
  failTakesWith: Error | undefined;
  /** While set, acks wait for it before they land. */
  ackGate: Promise<void> | undefined;
  /** Replaces how a handler is run (the instrumentation seam); by default it just runs. */
  runHandlerWith: ((run: () => Promise<void>, message: ReceivedMessage) => Promise<void>) | undefined;
  private readonly ready: ReceivedMessage[] = [];
  private readonly waiters: (() => void)[] = [];
  private nextId = 0;

  readonly blockingTake: boolean;

  constructor(
    readonly clock: Clock,
    options: { blockingTake?: boolean } = {},
  ) {
    this.blockingTake = options.blockingTake === true;
  }

  /** Makes `count` messages ready (and answers takes waiting for them). */
  push(count: number): string[] {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = `m${this.nextId++}`;
      ids.push(id);
      this.ready.push(receivedMessage(id, this.clock.now()));
    }
    for (const wake of this.waiters.splice(0)) wake();
    return ids;
  }

  async take(_queueName: string, max: number, leaseMs: number, waitMs?: number): Promise<ReceivedMessage[]> {
    this.takes.push({ max, leaseMs, waitMs, at: this.clock.now() });
    if (this.failTakesWith !== undefined) throw this.failTakesWith;
    if (this.ready.length === 0 && this.blockingTake && waitMs !== undefined) {
      this.pendingTakes++;
      await new Promise<void>((resolve) => {
        const timer = this.clock.setTimeout(resolve, waitMs);
        this.waiters.push(() => {
          this.clock.clearTimeout(timer);
          resolve();
        });
      });
      this.pendingTakes--;
    }
    return this.ready.splice(0, max);
  }

  /** By default as the queue runs a handler with no hook: the handler's own result, a synchronous throw let through. */
  runHandler(handler: MessageHandler, message: ReceivedMessage, context: HandlerContext): Promise<void> | void {
    this.handlerRuns.push({ messageId: message.id, queueName: context.queueName });
    if (this.runHandlerWith === undefined) return handler(message, context);
    return this.runHandlerWith(async () => handler(message, context), message);
  }

  async ack(message: ReceivedMessage): Promise<void> {
    if (this.ackGate !== undefined) await this.ackGate;
    this.acked.push(message.id);
  }

  nack(message: ReceivedMessage, error: Error): Promise<unknown> {
    this.nacked.push({ id: message.id, error });
    return Promise.resolve();
  }

  release(message: ReceivedMessage): Promise<void> {
    this.released.push(message.id);
    return Promise.resolve();
  }

  waitForWork(_queueName: string, signal: AbortSignal): Promise<void> {
    this.waitsForWork++;
    if (this.ready.length > 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  reportError(error: Error): void {
    this.errors.push(error);
  }
}

function receivedMessage(id: string, now: number): ReceivedMessage {
  return {
    id,
    type: 't',
    payload: id,
    priority: 5,
    createdAt: now,
    delayMs: 0,
    availableAt: now,
    attempts: 1,
    maxRetries: 3,
    metadata: { headers: {} },
    queueName: 'q',
    lease: { token: `lease-${id}`, expiresAt: now + 30_000 },
  };
}
