import { randomBytes } from 'node:crypto';
import type { TakenRecord, TakeOptions } from '@mq/core/provider';
import { takeCall, TAKE_BATCH_LIMIT } from './script-calls.js';
import type { ScriptQueue } from './script-keys.js';
import { toTakeReply } from './script-replies.js';
import type { ServerClock } from './server-clock.js';
import type { SettlementBatcher } from './settlement-batcher.js';
import type { DrainedHint, WakeHub } from './wake-hub.js';

export interface RecordTakerOptions {
  readonly clock: ServerClock;
  readonly hub: WakeHub;
  /** Sends the take, with the acks of its queue that wait for their batch. */
  readonly settlements: SettlementBatcher;
}

/**
 * Leases records (take.lua), and keeps per queue what the last take that left the ready lists
 * empty saw: the next doWaitForWork of that queue starts from it without a check-work call.
 */
export class RecordTaker {
  /** Lease tokens are this, a take counter and the record's place in its take: unique per provider. */
  private readonly tokenBase = randomBytes(6).toString('base64url');
  private takeCount = 0;
  private readonly drained = new Map<string, DrainedHint>();

  constructor(private readonly options: RecordTakerOptions) {}

  async take(queueName: string, queue: ScriptQueue, options: TakeOptions): Promise<TakenRecord[]> {
    const { clock, hub, settlements } = this.options;
    const max = Math.max(1, Math.min(TAKE_BATCH_LIMIT, Math.floor(options.max)));
    const tokenPrefix = `${this.tokenBase}${(++this.takeCount).toString(36)}.`;
    const call = takeCall(queue, clock.now(), max, Math.ceil(options.leaseMs), tokenPrefix, clock.takeGiveUpAt(), options.groupConcurrency ?? 0);
    const generation = hub.generation(queue.keys.wakeChannel);
    const reply = toTakeReply(await settlements.take(queueName, queue, call), tokenPrefix);
    clock.observe(reply.now);
    if (generation !== undefined && reply.records.length < max) {
      const check = { ready: reply.nextDue !== undefined && reply.nextDue <= reply.now, nextDue: reply.nextDue, now: reply.now };
      this.drained.set(queueName, { generation, check, receivedAt: Date.now() });
    } else {
      this.drained.delete(queueName);
    }
    return reply.records;
  }

  /** What the last take of `queueName` saw, if it left the ready lists empty (see DrainedHint). */
  hint(queueName: string): DrainedHint | undefined {
    return this.drained.get(queueName);
  }

  forget(queueName: string): void {
    this.drained.delete(queueName);
  }
}
