import { MqError, type ProviderDescription } from '@mq/core/provider';
import type { DedupKeys } from '../dedup-keys.js';
import { InMemoryProvider, type InMemoryProviderOptions } from '../in-memory-provider.js';
import { DURABLE_MEMORY_CAPABILITIES } from '../memory-capabilities.js';
import { resolvePersistence, type ResolvedPersistence } from '../memory-persistence.js';
import { BackgroundCompaction } from './background-compaction.js';
import { DirLock } from './dir-lock.js';
import { DurableQueueState } from './durable-queue-state.js';
import { LogEncoder } from './log-encoder.js';
import { LogWriter } from './log-writer.js';
import { recoverStore } from './recover-store.js';
import { clearTarget, type ReplayTarget } from './replay-target.js';

/**
 * The log under the durable in-memory provider's queues (docs/persistence.md): the folder's lock,
 * the recovery at connect() (the newest snapshot, then the log after it), the writer new operations
 * are appended to, compaction in the background, and what the provider's seams share to append
 * (DurableInMemoryProvider, durable-in-memory-provider.ts, logs each seam's changes).
 */
export abstract class DurableLogProvider extends InMemoryProvider {
  override readonly capabilities = DURABLE_MEMORY_CAPABILITIES;
  private readonly settings: ResolvedPersistence;
  private readonly lock: DirLock;
  private writer: LogWriter | undefined;
  protected readonly encoder = new LogEncoder(() => this.log().out);
  private readonly compaction: BackgroundCompaction;
  /** The maps a recovery fills: this provider's own. */
  private readonly state: ReplayTarget = { queues: this.queues as Map<string, DurableQueueState>, keys: this.dedupKeys, idempotency: this.idempotency, declared: this.declaredSettings };

  constructor(options: InMemoryProviderOptions & { persistence: NonNullable<InMemoryProviderOptions['persistence']> }) {
    super(options);
    this.settings = resolvePersistence(options.persistence);
    this.lock = new DirLock(this.settings.dir);
    this.compaction = new BackgroundCompaction(this.settings.dir, this.settings.compactAfterBytes, this.settings.onWarning);
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
      this.writer.onFlushed = () => this.compaction.maybeStart(this.writer);
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
    await this.compaction.done();
    await writer.close();
    this.writer = undefined;
    this.lock.release();
  }

  doDescribe(): Promise<ProviderDescription> { return Promise.resolve({ persistence: { dir: this.settings.dir, durability: this.settings.durability } }); }

  override doHealthCheck(): Promise<boolean> { return Promise.resolve(this.writer !== undefined && !this.writer.failed); }

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
  protected keysIn(queueName: string): DedupKeys | undefined { return this.dedupKeys.size === 0 ? undefined : this.dedupKeys.get(queueName); }

  /** `ids` left the queue at `now`: its idempotency window (if any) remembers them, in memory and in the log. */
  protected remember(queueName: string, ids: readonly string[], now: number): void {
    const windowMs = this.idempotency.size === 0 ? 0 : this.idempotency.windowOf(queueName);
    if (windowMs === 0 || ids.length === 0) return;
    this.idempotency.remember(queueName, ids, now);
    this.encoder.remember(queueName, now, windowMs, ids);
  }

  /** A read (count, scan) moved due or expired records: logged so a replay moves them at the same instant. */
  protected logSettle(queueName: string, now: number): void {
    const queue = this.queues.get(queueName) as DurableQueueState | undefined;
    if (queue?.settled !== true) return;
    queue.settled = false;
    this.encoder.settle(queueName, now);
    this.log().schedule();
  }

  protected log(): LogWriter {
    if (this.writer === undefined) throw new MqError('MQ_NOT_CONNECTED', 'The durable in-memory provider is not connected: call connect() first.');
    return this.writer;
  }
}
