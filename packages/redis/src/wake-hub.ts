import { systemClock, type Clock } from '@mq/core/provider';
import { WorkWaiter, type WaiterTime } from './work-waiter.js';

/** What check-work.lua answers. */
export interface WorkCheck {
  /** A record is ready or due now. */
  readonly ready: boolean;
  /** When the next delayed record or expired lease falls due (server ms), if anything waits. */
  readonly nextDue: number | undefined;
  /** The time the check used (server ms). */
  readonly now: number;
}

/** How many notifications a channel had: "records ready" ones, and due-time ones. */
export interface ChannelGeneration {
  readonly ready: number;
  readonly due: number;
}

/**
 * What a take that left the ready lists empty saw. While no "records ready" notification arrived
 * on the channel since the take was sent, nothing became ready, and the due times announced since
 * (often the take's own lease) are armed by the waiter; after one, the waiter takes again at once.
 */
export interface DrainedHint {
  /** The channel's notification counts when the take was sent. */
  readonly generation: ChannelGeneration;
  readonly check: WorkCheck;
  /** Local time (Date.now) when the take's reply arrived. */
  readonly receivedAt: number;
}

export interface WakeHubOptions {
  /** The injected clock, if any; otherwise due times are judged by the Redis server's clock. */
  readonly clock: Clock | undefined;
  /** Subscribes the shared pub/sub connection to a wake channel. */
  subscribe(channel: string): Promise<void>;
  check(queueName: string): Promise<WorkCheck>;
  /** Re-check this often (real ms) while waiting, in case a notification was lost. */
  readonly recheckMs: number;
}

/**
 * Blocks idle consumers without polling. Scripts publish on a queue's wake channel when records
 * become ready ("0") or when something falls due earlier than before (its due time); each waiter
 * arms one timer for the earliest due instant it knows. One pub/sub connection serves every
 * queue and waiter of the provider; an idle waiter costs one check per `recheckMs`.
 */
export class WakeHub {
  private readonly waiters = new Map<string, Set<WorkWaiter>>();
  private readonly subscriptions = new Map<string, Promise<void>>();
  /** Channels whose subscription is confirmed, with the number of notifications seen on each. */
  private readonly generations = new Map<string, { ready: number; due: number; lastDue: number }>();
  /** Server time minus local time, from the last check (0 with an injected clock). */
  private offsetMs = 0;
  private readonly time: WaiterTime;

  constructor(private readonly options: WakeHubOptions) {
    const clock = options.clock;
    // With the server's clock, wake 1 ms after the due instant so rounding never wakes us early.
    this.time = clock === undefined ? { now: () => Date.now() + this.offsetMs - 1, timers: systemClock } : { now: () => clock.now(), timers: clock };
  }

  /** The channel's notification counts, if its subscription is in place (for a DrainedHint). */
  generation(channel: string): ChannelGeneration | undefined {
    const g = this.generations.get(channel);
    return g === undefined ? undefined : { ready: g.ready, due: g.due };
  }

  /** Resolves when work may be there (see QueueProvider.doWaitForWork). */
  async wait(queueName: string, channel: string, signal: AbortSignal, hint?: DrainedHint): Promise<void> {
    if (signal.aborted) return;
    await this.subscribe(channel);
    await new Promise<void>((resolve, reject) => {
      const set = this.waiters.get(channel) ?? new Set<WorkWaiter>();
      this.waiters.set(channel, set);
      const onAbort = (): void => waiter.wake();
      const waiter = new WorkWaiter(
        this.time,
        (w) => {
          set.delete(w);
          signal.removeEventListener('abort', onAbort);
        },
        resolve,
        reject,
      );
      set.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) waiter.wake();
      else if (!this.applyHint(queueName, channel, waiter, hint)) this.check(queueName, waiter);
    });
  }

  /** A message on a wake channel: "0" wakes every waiter, a due time re-arms their timers. */
  notify(channel: string, message: string): void {
    const dueAt = Number(message);
    const generation = this.generations.get(channel);
    if (generation !== undefined) {
      if (message === '0' || !Number.isFinite(dueAt)) generation.ready++;
      else {
        generation.due++;
        generation.lastDue = dueAt;
      }
    }
    const set = this.waiters.get(channel);
    if (set === undefined || set.size === 0) return;
    for (const waiter of [...set]) {
      if (message === '0' || !Number.isFinite(dueAt)) waiter.wake();
      else waiter.arm(dueAt);
    }
  }

  /** Wakes every waiter (after a reconnect, when notifications may have been missed, or on close). */
  wakeAll(): void {
    for (const generation of this.generations.values()) generation.ready++;
    for (const set of this.waiters.values()) for (const waiter of [...set]) waiter.wake();
  }

  private subscribe(channel: string): Promise<void> {
    let pending = this.subscriptions.get(channel);
    if (pending === undefined) {
      pending = this.options.subscribe(channel);
      this.subscriptions.set(channel, pending);
      pending.then(
        () => this.generations.set(channel, { ready: 0, due: 0, lastDue: 0 }),
        () => this.subscriptions.delete(channel),
      );
    }
    return pending;
  }

  /**
   * Starts a waiter from a take's hint, without a check of its own: a "records ready" notification
   * since the take was sent wakes it at once (it takes again, which it would do after a check
   * anyway); otherwise at most one due time announced since is armed. False when the hint cannot
   * be used (none, or several due times announced since).
   */
  private applyHint(queueName: string, channel: string, waiter: WorkWaiter, hint: DrainedHint | undefined): boolean {
    const now = this.generations.get(channel);
    if (hint === undefined || now === undefined) return false;
    if (now.ready !== hint.generation.ready) {
      waiter.wake();
      return true;
    }
    if (now.due - hint.generation.due > 1) return false;
    if (now.due !== hint.generation.due) waiter.arm(now.lastDue);
    this.apply(queueName, waiter, hint.check, hint.receivedAt);
    return true;
  }

  private check(queueName: string, waiter: WorkWaiter): void {
    this.options.check(queueName).then(
      (result) => this.apply(queueName, waiter, result, Date.now()),
      (error: unknown) => waiter.fail(error),
    );
  }

  private apply(queueName: string, waiter: WorkWaiter, result: WorkCheck, receivedAt: number): void {
    if (this.options.clock === undefined) this.offsetMs = result.now - receivedAt;
    if (result.ready) return waiter.wake();
    if (result.nextDue !== undefined) waiter.arm(result.nextDue);
    waiter.armRecheck(this.options.recheckMs, () => this.check(queueName, waiter));
  }
}
