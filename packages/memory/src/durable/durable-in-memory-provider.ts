import type { ActionOutcome, DeadLetterOptions, EnqueueRecord, EnqueueResult, LeaseRef, QueueCounts, QueueSettings, RecordData, ReleaseOptions, ScanOptions, ScanPage, TakenRecord, TakeOptions } from '@mq/core/provider';
import { enqueueRemembered } from '../idempotency-memory.js';
import { deleteMemoryRecords, getMemoryRecord, promoteMemoryRecords, setMemoryPriority } from '../memory-admin-actions.js';
import { purgeMemoryDeadLetters, replayMemoryDeadLetters } from '../memory-dead-letters.js';
import type { DetailedRecord } from '../memory-record-details.js';
import { rewriteMemoryRecord, scanMemoryRecords } from '../memory-record-scan.js';
import type { DurableQueueState } from './durable-queue-state.js';
import { DurableLogProvider } from './durable-log-provider.js';
import { OP } from './log-ops.js';
import { ackSlot, afterSettle, deadLetterSlot, purgeQueue } from './queue-actions.js';
import { storeRecords } from './store-records.js';

/**
 * The in-memory provider with a durable log under its queues (docs/persistence.md): every change
 * is applied in memory as by the plain provider, then appended to the log as one operation; calls
 * that change a queue resolve once their operation is as durable as the mode promises. connect()
 * takes the folder's lock and rebuilds the queues from the newest snapshot and the log after it
 * (durable-log-provider.ts).
 */
export class DurableInMemoryProvider extends DurableLogProvider {
  override doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    const at = this.clock.now(); // one read per call, as the plain provider
    const queue = this.queue(queueName);
    // The queue hashes each id for the window's check and keeps it for its own (one hash per id).
    const hits = this.idempotency.size > 0 ? this.idempotency.hits(queueName, records, at, queue) : undefined;
    if (hits !== undefined) return enqueueRemembered(records, hits, (rest) => this.doEnqueue(queueName, rest));
    const result = storeRecords(queue, () => this.keysOf(queueName), records, at, (now, keyed) => {
      if (keyed) this.encoder.enqueueKeyed(queueName, now, records);
      else this.encoder.enqueue(queueName, now, records);
    });
    if (result.duplicateIds.length > 0) return Promise.resolve(result);
    this.wake(queueName);
    return this.log().durable(result);
  }

  override doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    const limit = options.groupConcurrency;
    const taken = queue.take(options.max, now, options.leaseMs, this.newToken, limit);
    if (taken.length > 0 || queue.settled) {
      queue.settled = false;
      if (limit === undefined) this.encoder.take(queueName, now, options.max, options.leaseMs);
      else this.encoder.takeGrouped(queueName, now, options.max, options.leaseMs, limit);
      this.log().schedule();
    }
    return Promise.resolve(taken);
  }

  override doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    const slot = queue.holder(lease.id, lease.leaseToken, now);
    if (slot < 0) return Promise.resolve(false);
    const settled = ackSlot(queue, this.keysIn(queueName), slot, lease.id, processingMs);
    this.encoder.ack(queueName, lease.id, processingMs);
    if (afterSettle(queue, settled, now, (id) => this.encoder.unpark(queueName, id, now))) this.wake(queueName);
    this.remember(queueName, [lease.id], now);
    return this.log().durable(true);
  }

  override doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    const slot = queue.holder(lease.id, lease.leaseToken, now);
    if (slot < 0) return Promise.resolve(false);
    const refund = options.refundAttempt === true;
    queue.release(slot, now, options.delayMs, options.lastError, refund);
    this.encoder.release(queueName, lease.id, now, options.delayMs, refund, options.lastError);
    this.wake(queueName);
    return this.log().durable(true);
  }

  override doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    const slot = queue.holder(lease.id, lease.leaseToken, now);
    if (slot < 0) return Promise.resolve(false);
    const refund = options?.refundAttempt === true;
    const settled = deadLetterSlot(queue, this.keysIn(queueName), slot, lease.id, error, now, refund);
    this.encoder.dead(queueName, lease.id, now, refund, error);
    if (afterSettle(queue, settled, now, (id) => this.encoder.unpark(queueName, id, now))) this.wake(queueName);
    return this.log().durable(true);
  }

  override doCount(queueName: string): Promise<QueueCounts> {
    const now = this.clock.now();
    const counts = this.queue(queueName).counts(now);
    this.logSettle(queueName, now);
    return Promise.resolve(counts);
  }

  override doRewriteRecord(queueName: string, id: string, expected: RecordData, data: RecordData): Promise<boolean> {
    const queue = this.queues.get(queueName);
    if (queue === undefined || !rewriteMemoryRecord(queue, id, expected, data)) return Promise.resolve(false);
    this.encoder.rewrite(queueName, id, data);
    return this.log().durable(true);
  }

  override doPurge(queueName: string): Promise<number> {
    const queue = this.queue(queueName);
    if (this.idempotency.windowOf(queueName) > 0) this.remember(queueName, queue.storedIds(), this.clock.now());
    const removed = purgeQueue(queue, this.keysIn(queueName));
    this.encoder.purge(queueName);
    return this.log().durable(removed);
  }

  override async doDeclareQueue(queueName: string, settings: QueueSettings): Promise<QueueSettings> {
    const writer = this.log();
    const known = this.declaredSettings.has(queueName);
    const declared = await super.doDeclareQueue(queueName, settings);
    if (known) return declared;
    this.encoder.settings(queueName, declared.partitions);
    return writer.durable(declared);
  }

  override async doDeleteQueue(queueName: string): Promise<void> {
    const writer = this.log();
    await super.doDeleteQueue(queueName);
    this.encoder.delete(queueName);
    return writer.durable(undefined);
  }

  override doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    const revived = replayMemoryDeadLetters(queue, ids, this.keysIn(queueName), now);
    if (revived.length === 0) return Promise.resolve(revived);
    this.encoder.revive(queueName, now, revived);
    this.wake(queueName);
    return this.log().durable(revived);
  }

  override doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    const purged = purgeMemoryDeadLetters(this.queue(queueName), ids, this.keysIn(queueName));
    if (purged.length === 0) return Promise.resolve(0);
    this.encoder.purgeDead(queueName, ids);
    this.remember(queueName, purged, this.clock.now());
    return this.log().durable(purged.length);
  }

  override doScanRecords(queueName: string, options: ScanOptions): Promise<ScanPage> {
    return this.settlingRead(queueName, (queue, now) => scanMemoryRecords(queue, options, now), { records: [], nextCursor: '' });
  }

  override doGetRecord(queueName: string, id: string): Promise<DetailedRecord | null> {
    return this.settlingRead(queueName, (queue, now) => getMemoryRecord(queue, id, now), null);
  }

  /** A deleted record's deduplication key is released and its id remembered (as by the plain provider); the replay releases the key too. */
  override doDeleteRecords(queueName: string, ids: readonly string[]): Promise<ActionOutcome[]> {
    return this.logAdmin(OP.ADMIN_DELETE, queueName, ids, (queue, now) => deleteMemoryRecords(queue, ids, this.keysIn(queueName), now));
  }

  override doPromoteRecords(queueName: string, ids: readonly string[]): Promise<ActionOutcome[]> {
    return this.logAdmin(OP.ADMIN_PROMOTE, queueName, ids, (queue, now) => ({ outcomes: promoteMemoryRecords(queue, ids, now) }));
  }

  override doSetPriority(queueName: string, ids: readonly string[], priority: number): Promise<ActionOutcome[]> {
    return this.logAdmin(OP.ADMIN_PRIORITY, queueName, ids, (queue, now) => ({ outcomes: setMemoryPriority(queue, ids, priority, now) }), priority);
  }

  override doSetPaused(queueName: string, paused: boolean): Promise<void> {
    this.queue(queueName).paused = paused;
    this.encoder.paused(queueName, paused);
    if (!paused) this.wake(queueName);
    return this.log().durable(undefined);
  }

  /**
   * Applies an admin action at one instant and logs it with that instant (its replay settles and
   * acts the same); the ids it removed are then remembered (a REMEMBER frame after it). An unknown
   * queue is not made.
   */
  private logAdmin(code: number, queueName: string, ids: readonly string[], act: (queue: DurableQueueState, now: number) => { outcomes: ActionOutcome[]; deleted?: string[] }, priority?: number): Promise<ActionOutcome[]> {
    const queue = this.queues.get(queueName) as DurableQueueState | undefined;
    if (queue === undefined) return Promise.resolve(ids.map(() => 'not_found'));
    const now = this.clock.now();
    const { outcomes, deleted } = act(queue, now);
    queue.settled = false;
    this.encoder.admin(code, queueName, now, ids, priority);
    if (deleted !== undefined) this.remember(queueName, deleted, now);
    this.wake(queueName);
    return this.log().durable(outcomes);
  }

  /** A read that settles the queue (moves due or expired records) at one instant logs the move at it; an unknown queue is not made. */
  private settlingRead<T>(queueName: string, read: (queue: DurableQueueState, now: number) => T, none: T): Promise<T> {
    const queue = this.queues.get(queueName) as DurableQueueState | undefined;
    if (queue === undefined) return Promise.resolve(none);
    const now = this.clock.now();
    const result = read(queue, now);
    this.logSettle(queueName, now);
    return Promise.resolve(result);
  }
}
