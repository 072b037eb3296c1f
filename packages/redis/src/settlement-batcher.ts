import { CallBatcher, type Pending } from './call-batcher.js';
import { ackCall, ackTakeCall, deadLetterCall, releaseCall, type AckItem, type DeadItem, type ReleaseItem, type ScriptCall } from './script-calls.js';
import type { ScriptQueue } from './script-keys.js';
import { toFlags, toPair } from './script-replies.js';
import type { ServerClock } from './server-clock.js';

export interface SettlementBatcherOptions {
  /** Runs one script call on the command connection. */
  run(call: ScriptCall): Promise<unknown>;
  /** The queue of a batcher key (a queue name). */
  queue(queueName: string): ScriptQueue;
  readonly clock: ServerClock;
}

/**
 * Acks, releases and dead-letters made in the same tick for one queue go out as one script call
 * each (fifty handlers that finish together cost one call, not fifty), and the acks still waiting
 * for their batch travel with the next take of their queue (ack-take: one round trip for both).
 */
export class SettlementBatcher {
  private readonly acks = new CallBatcher<AckItem, boolean>((q, items) => this.settle(ackCall(this.queue(q), this.clock.now(), items), 'ack', items.length));
  private readonly releases = new CallBatcher<ReleaseItem, boolean>((q, items) =>
    this.settle(releaseCall(this.queue(q), this.clock.now(), items), 'release', items.length),
  );
  private readonly deadLetters = new CallBatcher<DeadItem, boolean>((q, items) =>
    this.settle(deadLetterCall(this.queue(q), this.clock.now(), items), 'dead-letter', items.length),
  );
  private readonly run: (call: ScriptCall) => Promise<unknown>;
  private readonly queue: (queueName: string) => ScriptQueue;
  private readonly clock: ServerClock;

  constructor(options: SettlementBatcherOptions) {
    this.run = options.run;
    this.queue = options.queue;
    this.clock = options.clock;
  }

  ack(queueName: string, item: AckItem): Promise<boolean> {
    return this.acks.add(queueName, item);
  }

  release(queueName: string, item: ReleaseItem): Promise<boolean> {
    return this.releases.add(queueName, item);
  }

  deadLetter(queueName: string, item: DeadItem): Promise<boolean> {
    return this.deadLetters.add(queueName, item);
  }

  /**
   * Runs `take` and answers take.lua's reply. Acks of this queue that wait for their batch go
   * along (ack-take), each answered as if it had been sent alone.
   */
  take(queueName: string, queue: ScriptQueue, take: ScriptCall): Promise<unknown> {
    const acks = this.acks.takePending(queueName);
    // No acks waiting (the usual case with one lane per queue): the take's own promise, no frame added.
    return acks.length === 0 ? this.run(take) : this.ackThenTake(queue, acks, take);
  }

  private async ackThenTake(queue: ScriptQueue, acks: readonly Pending<AckItem, boolean>[], take: ScriptCall): Promise<unknown> {
    try {
      const [acked, taken] = toPair(await this.run(ackTakeCall(queue, this.clock.now(), acks, take)), 'ack-take');
      const flags = toFlags(acked, 'ack', acks.length);
      acks.forEach((p, i) => p.resolve(flags[i] === true));
      return taken;
    } catch (error) {
      for (const p of acks) p.reject(error);
      throw error;
    }
  }

  private async settle(call: ScriptCall, script: string, expected: number): Promise<boolean[]> {
    return toFlags(await this.run(call), script, expected);
  }
}
