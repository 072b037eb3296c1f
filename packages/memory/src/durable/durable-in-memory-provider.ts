import { MqError, type ActionOutcome, type DeadLetterOptions, type EnqueueRecord, type EnqueueResult, type LeaseRef, type ProviderDescription, type QueueCounts, type ReleaseOptions, type ScanOptions, type ScanPage, type TakenRecord, type TakeOptions } from '@mq/core/provider';
import { InMemoryProvider, STORED, type InMemoryProviderOptions } from '../in-memory-provider.js';
import { deleteMemoryRecords, getMemoryRecord, promoteMemoryRecords, setMemoryPriority } from '../memory-admin-actions.js';
import { DURABLE_MEMORY_CAPABILITIES } from '../memory-capabilities.js';
import type { DetailedRecord } from '../memory-record-details.js';
import { scanMemoryRecords } from '../memory-record-scan.js';
import { resolvePersistence, type ResolvedPersistence } from '../memory-persistence.js';
import { BackgroundCompaction } from './background-compaction.js';
import { DirLock } from './dir-lock.js';
import { DurableQueueState } from './durable-queue-state.js';
import { LogEncoder } from './log-encoder.js';
import { OP } from './log-ops.js';
import { LogWriter } from './log-writer.js';
import { ackSlot, deadLetterSlot, purgeDead, reviveDead } from './queue-actions.js';
import { recoverStore } from './recover-store.js';

/**
 * The in-memory provider with a durable log under its queues (docs/persistence.md): every change
 * is applied in memory as by the plain provider, then appended to the log as one operation; calls
 * that change a queue resolve once their operation is as durable as the mode promises. connect()
 * takes the folder's lock and rebuilds the queues from the newest snapshot and the log after it.
 */
export class DurableInMemoryProvider extends InMemoryProvider {
  override readonly capabilities = DURABLE_MEMORY_CAPABILITIES;
  private readonly settings: ResolvedPersistence;
  private readonly lock: DirLock;
  private writer: LogWriter | undefined;
  private readonly encoder = new LogEncoder(() => this.log().out);
  private readonly compaction: BackgroundCompaction;

  constructor(options: InMemoryProviderOptions & { persistence: NonNullable<InMemoryProviderOptions['persistence']> }) {
    super(options);
    this.settings = resolvePersistence(options.persistence);
    this.lock = new DirLock(this.settings.dir);
    this.compaction = new BackgroundCompaction(this.settings.dir, this.settings.compactAfterBytes, this.settings.onWarning);
  }

  protected override get durableStore(): boolean {
    return true;
  }

  /** The folder and mode (for tests and describe()). */
  get persistence(): Readonly<{ dir: string; durability: string }> {
    return { dir: this.settings.dir, durability: this.settings.durability };
  }

  override async doConnect(): Promise<void> {
    if (this.writer !== undefined) return;
    this.lock.acquire();
    try {
      const recovered = await recoverStore(this.settings.dir, this.settings.onWarning);
      this.queues.clear();
      for (const [name, queue] of recovered.queues) this.queues.set(name, queue);
      this.writer = new LogWriter(this.settings.dir, recovered.generation, this.settings.durability);
      this.writer.onFlushed = () => this.compaction.maybeStart(this.writer);
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  override async doDisconnect(): Promise<void> {
    await super.doDisconnect();
    const writer = this.writer;
    if (writer === undefined) return;
    await this.compaction.done();
    await writer.close();
    this.writer = undefined;
    this.lock.release();
  }

  doDescribe(): Promise<ProviderDescription> {
    return Promise.resolve({ persistence: { dir: this.settings.dir, durability: this.settings.durability } });
  }

  override doHealthCheck(): Promise<boolean> {
    return Promise.resolve(this.writer !== undefined && !this.writer.failed);
  }

  override doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    const queue = this.queue(queueName);
    const checkDead = queue.dead.size > 0;
    let duplicateIds: string[] | undefined;
    for (const record of records) {
      if (queue.has(record.id) || (checkDead && queue.dead.has(record.id))) (duplicateIds ??= []).push(record.id);
    }
    if (duplicateIds !== undefined) return Promise.resolve({ duplicateIds });
    const now = this.clock.now();
    for (const record of records) queue.add(record, now);
    this.encoder.enqueue(queueName, now, records);
    this.wake(queueName);
    return this.log().durable(STORED);
  }

  override doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    const taken = queue.take(options.max, now, options.leaseMs, this.newToken);
    if (taken.length > 0 || queue.settled) {
      queue.settled = false;
      this.encoder.take(queueName, now, options.max, options.leaseMs);
      this.log().schedule();
    }
    return Promise.resolve(taken);
  }

  override doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    const queue = this.queue(queueName);
    const slot = queue.holder(lease.id, lease.leaseToken, this.clock.now());
    if (slot < 0) return Promise.resolve(false);
    ackSlot(queue, slot, processingMs);
    this.encoder.ack(queueName, lease.id, processingMs);
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
    deadLetterSlot(queue, slot, lease.id, error, now, refund);
    this.encoder.dead(queueName, lease.id, now, refund, error);
    return this.log().durable(true);
  }

  override doCount(queueName: string): Promise<QueueCounts> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    const counts = queue.counts(now);
    if (queue.settled) {
      queue.settled = false;
      this.encoder.settle(queueName, now);
      this.log().schedule();
    }
    return Promise.resolve(counts);
  }

  override doPurge(queueName: string): Promise<number> {
    const removed = this.queue(queueName).clear();
    this.encoder.purge(queueName);
    return this.log().durable(removed);
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
    const revived = reviveDead(queue, ids, now);
    if (revived.length === 0) return Promise.resolve(revived);
    this.encoder.revive(queueName, now, revived);
    this.wake(queueName);
    return this.log().durable(revived);
  }

  override doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    const removed = purgeDead(this.queue(queueName), ids);
    if (removed === 0) return Promise.resolve(0);
    this.encoder.purgeDead(queueName, ids);
    return this.log().durable(removed);
  }

  override doScanRecords(queueName: string, options: ScanOptions): Promise<ScanPage> {
    return this.settlingRead(queueName, (queue, now) => scanMemoryRecords(queue, options, now), { records: [], nextCursor: '' });
  }

  override doGetRecord(queueName: string, id: string): Promise<DetailedRecord | null> {
    return this.settlingRead(queueName, (queue, now) => getMemoryRecord(queue, id, now), null);
  }

  override doDeleteRecords(queueName: string, ids: readonly string[]): Promise<ActionOutcome[]> {
    return this.logAdmin(OP.ADMIN_DELETE, queueName, ids, (queue, now) => deleteMemoryRecords(queue, ids, undefined, now).outcomes);
  }

  override doPromoteRecords(queueName: string, ids: readonly string[]): Promise<ActionOutcome[]> {
    return this.logAdmin(OP.ADMIN_PROMOTE, queueName, ids, (queue, now) => promoteMemoryRecords(queue, ids, now));
  }

  override doSetPriority(queueName: string, ids: readonly string[], priority: number): Promise<ActionOutcome[]> {
    return this.logAdmin(OP.ADMIN_PRIORITY, queueName, ids, (queue, now) => setMemoryPriority(queue, ids, priority, now), priority);
  }

  override doSetPaused(queueName: string, paused: boolean): Promise<void> {
    this.queue(queueName).paused = paused;
    this.encoder.paused(queueName, paused);
    if (!paused) this.wake(queueName);
    return this.log().durable(undefined);
  }

  /** Applies an admin action at one instant and logs it with that instant (its replay settles and acts the same). */
  private logAdmin(code: number, queueName: string, ids: readonly string[], act: (queue: DurableQueueState, now: number) => ActionOutcome[], priority?: number): Promise<ActionOutcome[]> {
    const queue = this.queue(queueName);
    const now = this.clock.now();
    const outcomes = act(queue, now);
    queue.settled = false;
    this.encoder.admin(code, queueName, now, ids, priority);
    this.wake(queueName);
    return this.log().durable(outcomes);
  }

  /** A read that settles the queue (moves due or expired records) logs the move at its instant, as doCount does. */
  private settlingRead<T>(queueName: string, read: (queue: DurableQueueState, now: number) => T, none: T): Promise<T> {
    const queue = this.queues.get(queueName) as DurableQueueState | undefined;
    if (queue === undefined) return Promise.resolve(none);
    const now = this.clock.now();
    const result = read(queue, now);
    if (queue.settled) {
      queue.settled = false;
      this.encoder.settle(queueName, now);
      this.log().schedule();
    }
    return Promise.resolve(result);
  }

  protected override queue(queueName: string): DurableQueueState {
    let queue = this.queues.get(queueName) as DurableQueueState | undefined;
    if (queue === undefined) {
      const writer = this.log();
      queue = new DurableQueueState();
      this.queues.set(queueName, queue);
      this.encoder.queue(queueName);
      writer.schedule();
    }
    return queue;
  }

  private log(): LogWriter {
    if (this.writer === undefined) throw new MqError('MQ_NOT_CONNECTED', 'The durable in-memory provider is not connected: call connect() first.');
    return this.writer;
  }
}
