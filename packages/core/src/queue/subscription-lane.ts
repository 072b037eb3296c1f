import type { Clock } from '../clock/clock.js';
import { sleep } from '../clock/sleep.js';
import type { ReceivedMessage } from '../message/queue-message.js';
import { nextFailurePauseMs } from './failure-pause.js';
import type { TakeTurns } from './take-turns.js';

/**
 * From this many slots on, a subscription runs two lanes. Two lanes halve each take's batch, which
 * pays while a half is still a batch: from 8 slots a lane takes at least 4 messages at a time. (At
 * concurrency 50 the overlap was worth about 15% on Redis: docs/benchmarks.md.)
 */
const TWO_LANES_FROM_SLOTS = 8;

/**
 * Deliveries a lane may hold unsettled, per slot. A slot frees when its handler returns, while its
 * ack may still be on its way: twice the slots lets the next batch run while the last batch's acks
 * travel, and bounds the leases that pile up when the store is slow to answer them.
 */
const UNSETTLED_PER_SLOT = 2;

/** What a lane needs from its subscription, which passes itself. */
export interface LaneOwner {
  readonly clock: Clock;
  /** Aborts when the subscription closes: the lane takes no more, and a pause ends at once. */
  readonly stopped: AbortSignal;
  /** The provider waits for work inside a take (capabilities.blockingTake): the lane never waits for work itself. */
  readonly blockingTake: boolean;
  /** The order in which batches start, over all lanes (see TakeTurns). */
  readonly turns: TakeTurns;
  /** Takes up to `max` messages under a lease. */
  take(max: number): Promise<ReceivedMessage[]>;
  /** Starts the handler of one message of this lane's batch. */
  start(message: ReceivedMessage, lane: SubscriptionLane): void;
  /** Gives back a batch that arrived after close (unharmed: the attempts are refunded). */
  giveBack(batch: readonly ReceivedMessage[]): Promise<void>;
  /** One wait for work shared by the lanes that found the queue empty; resolves with its failure, if any (already reported). */
  waitForWork(): Promise<Error | undefined>;
  /** Reports a failed take, once for lanes that fail together. */
  reportTakeFailure(error: unknown): void;
}

/**
 * A share of a subscription's handler slots with its own take loop. From 8 slots on, a
 * subscription runs two lanes: while the store serves one lane's take (with the acks it carries),
 * this process runs the other lane's handlers, so neither side waits for the other.
 */
export class SubscriptionLane {
  private handlersRunning = 0;
  private unsettled = 0;
  /** The pause after the last failure; 0 after a take that worked. */
  private failurePauseMs = 0;
  private wake: (() => void) | undefined;

  constructor(
    readonly slots: number,
    private readonly owner: LaneOwner,
  ) {}

  /** Handlers of this lane running now. */
  get running(): number {
    return this.handlersRunning;
  }

  /** Deliveries of this lane not yet settled (handler running, or its settle in flight). */
  get inFlight(): number {
    return this.unsettled;
  }

  /** Slots a take may ask for now: free handler slots, keeping unsettled deliveries below UNSETTLED_PER_SLOT × slots. */
  get free(): number {
    return Math.min(this.slots - this.handlersRunning, UNSETTLED_PER_SLOT * this.slots - this.unsettled);
  }

  /**
   * The take loop, until the subscription closes: take for the free slots → start the batch in
   * take order → wait for work if the queue ran dry. A slot frees when its handler returns, not
   * when its ack comes back: the next take goes out while the acks are in flight (a provider may
   * send them together). With handlers of the lane still running, a take waits one turn of the
   * event loop, so handlers that finish together are taken for together.
   */
  async run(): Promise<void> {
    const { owner } = this;
    while (!owner.stopped.aborted) {
      const free = this.free;
      if (free <= 0) {
        await this.nextWakeUp();
        if (this.handlersRunning > 0) await nextTurnOfEventLoop();
        continue;
      }
      const turn = owner.turns.draw();
      let batch: ReceivedMessage[] | undefined;
      let failure: unknown;
      try {
        batch = await owner.take(free);
        this.failurePauseMs = 0;
      } catch (error) {
        failure = error;
      }
      const earlier = owner.turns.wait(turn);
      if (earlier !== undefined) await earlier;
      if (batch === undefined) {
        owner.turns.done(turn);
        owner.reportTakeFailure(failure);
        await this.pauseAfterFailure();
        continue;
      }
      if (owner.stopped.aborted) {
        owner.turns.done(turn);
        await owner.giveBack(batch);
        break;
      }
      for (const message of batch) owner.start(message, this);
      owner.turns.done(turn);
      // A short batch: the queue ran dry. A blocking take waits for work inside the next take.
      if (batch.length < free && !owner.blockingTake && (await owner.waitForWork()) !== undefined) await this.pauseAfterFailure();
    }
  }

  /** A delivery of this lane starts its handler. */
  started(): void {
    this.handlersRunning++;
    this.unsettled++;
  }

  /** Its handler returned (or timed out): the slot is free for the next take, though the settle may still travel. */
  handlerDone(): void {
    this.handlersRunning--;
    this.wakeUp();
  }

  /** Its settle is done (either way). */
  settled(): void {
    this.unsettled--;
    this.wakeUp();
  }

  /** Lets the loop go on if it waits for a free slot (a slot freed, or the subscription closes). */
  wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private nextWakeUp(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve));
  }

  /** Pauses after a failed take or wait for work, 100 ms doubling to 5 s (see failure-pause.ts); a close ends it. */
  private pauseAfterFailure(): Promise<void> {
    this.failurePauseMs = nextFailurePauseMs(this.failurePauseMs);
    return sleep(this.owner.clock, this.failurePauseMs, this.owner.stopped);
  }
}

/** The lanes of a subscription: one below TWO_LANES_FROM_SLOTS slots, else two of (nearly) half each. */
export function laneSizes(concurrency: number): number[] {
  if (concurrency < TWO_LANES_FROM_SLOTS) return [concurrency];
  const half = Math.ceil(concurrency / 2);
  return [half, concurrency - half];
}

function nextTurnOfEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
