import { MqError, type DeadLetterOptions, type EnqueueRecord, type EnqueueResult, type LeaseRef, type ProviderDescription, type QueueCounts, type QueueSettings, type RecordData, type ReleaseOptions, type ScanOptions, type ScanPage, type TakenRecord, type TakeOptions } from '@mq/core/provider';
import type { DedupKeys } from '../dedup-keys.js';
import { enqueueRemembered } from '../idempotency-memory.js';
import { InMemoryProvider, type InMemoryProviderOptions } from '../in-memory-provider.js';
import { DURABLE_MEMORY_CAPABILITIES } from '../memory-capabilities.js';
import { purgeMemoryDeadLetters, replayMemoryDeadLetters } from '../memory-dead-letters.js';
import { resolvePersistence, type ResolvedPersistence } from '../memory-persistence.js';
import { rewriteMemoryRecord } from '../memory-record-scan.js';
import { compactStore } from './compact-store.js';
import { DirLock } from './dir-lock.js';
import { DurableQueueState } from './durable-queue-state.js';
import { LogEncoder } from './log-encoder.js';
import { LogWriter } from './log-writer.js';
import { ackSlot, afterSettle, deadLetterSlot, purgeQueue } from './queue-actions.js';
import { recoverStore } from './recover-store.js';
import { clearTarget, type ReplayTarget } from './replay-target.js';
import { storeRecords } from './store-records.js';

/**
 * The in-memory provider with a durable log under its queues (docs/persistence.md): every change is applied in memory as by the
 * plain provider, then appended to the log as one operation; calls that change a queue resolve once their operation is as durable
 * as the mode promises. connect() takes the folder's lock and rebuilds the queues from the newest snapshot and the log after it.
 */
export class DurableInMemoryProvider extends InMemoryProvider {
  override readonly capabilities = DURABLE_MEMORY_CAPABILITIES;
  private readonly settings: ResolvedPersistence;
  private readonly lock: DirLock;
  private writer: LogWriter | undefined;
  private readonly encoder = new LogEncoder(() => this.log().out);
  private compaction: Promise<void> | undefined;
  /** The maps a recovery fills: this provider's own. */
  private readonly state: ReplayTarget = { queues: this.queues as Map<string, DurableQueueState>, keys: this.dedupKeys, idempotency: this.idempotency, declared: this.declaredSettings };

  constructor(options: InMemoryProviderOptions & { persistence: NonNullable<InMemoryProviderOptions['persistence']> }) {
    super(options);
    this.settings = resolvePersistence(options.persistence);
    this.lock = new DirLock(this.settings.dir);
  }

  protected override get durableStore(): boolean { return true; }

  /** The folder and mode (for tests and describe()). */
  get persistence(): Readonly<{ dir: string; durability: string }> { return { dir: this.settings.dir, durability: this.settings.durability }; }

  override async doConnect(): Promise<void> {
    if (this.writer !== undefined) return;
    this.lock.acquire();
    try {
      clearTarget(this.state);
      const recovered = await recoverStore(this.settings.dir, this.state, this.settings.onWarning);
      this.writer = new LogWriter(this.settings.dir, recovered.generation, this.settings.durability);
      this.writer.onFlushed = () => this.maybeCompact();
    } catch (error) {
      clearTarget(this.state);
      this.lock.release();
      throw error;
    }
  }

  override async doDisconnect(): Promise<void> {
    await super.doDisconnect();
    const writer = this.writer;
    if (writer === undefined) return;
    await this.compaction;
    await writer.close();
    this.writer = undefined;
    this.lock.release();
  }

  doDescribe(): Promise<ProviderDescription> { return Promise.resolve({ persistence: { dir: this.settings.dir, durability: this.settings.durability } }); }

  override doHealthCheck(): Promise<boolean> { return Promise.resolve(this.writer !== undefined && !this.writer.failed); }

  override doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    if (this.idempotency.size > 0) {
      const hits = this.idempotency.hits(queueName, records, this.clock.now());
      if (hits !== undefined) return enqueueRemembered(records, hits, (rest) => this.doEnqueue(queueName, rest));
    }
    const queue = this.queue(queueName);
    const result = storeRecords(queue, () => this.keysOf(queueName), records, this.clock.now(), (now, keyed) => {
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

  override doScanRecords(queueName: string, options: ScanOptions): Promise<ScanPage> {
    const now = this.clock.now();
    const page = super.doScanRecords(queueName, options);
    this.logSettle(queueName, now);
    return page;
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

  /** The deduplication keys of a queue, if it has any (no lookup while no queue has keys: the common case). */
  private keysIn(queueName: string): DedupKeys | undefined { return this.dedupKeys.size === 0 ? undefined : this.dedupKeys.get(queueName); }

  /** `ids` left the queue at `now`: its idempotency window (if any) remembers them, in memory and in the log. */
  private remember(queueName: string, ids: readonly string[], now: number): void {
    const windowMs = this.idempotency.size === 0 ? 0 : this.idempotency.windowOf(queueName);
    if (windowMs === 0 || ids.length === 0) return;
    this.idempotency.remember(queueName, ids, now);
    this.encoder.remember(queueName, now, windowMs, ids);
  }

  /** A read (count, scan) moved due or expired records: logged so a replay moves them at the same instant. */
  private logSettle(queueName: string, now: number): void {
    const queue = this.queues.get(queueName) as DurableQueueState | undefined;
    if (queue?.settled !== true) return;
    queue.settled = false;
    this.encoder.settle(queueName, now);
    this.log().schedule();
  }

  private log(): LogWriter {
    if (this.writer === undefined) throw new MqError('MQ_NOT_CONNECTED', 'The durable in-memory provider is not connected: call connect() first.');
    return this.writer;
  }

  private maybeCompact(): void {
    const writer = this.writer;
    if (this.compaction !== undefined || writer === undefined || writer.bytes < this.settings.compactAfterBytes) return;
    // Started on the next microtask: the flush that got here (or the rotation's own) is not re-entered.
    this.compaction = Promise.resolve()
      .then(() => compactStore(this.settings.dir, writer))
      .catch((error: unknown) => this.settings.onWarning(`@mq/memory: compacting the log in ${this.settings.dir} failed (${(error as Error).message}); the log keeps growing and is compacted again later.`))
      .finally(() => {
        this.compaction = undefined;
      });
  }
}
