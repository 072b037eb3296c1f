import type { ProviderCapabilities } from '../provider/provider-capabilities.js';
import type { DeadLetterOptions, DeadRecord, EnqueueRecord, EnqueueResult, LeaseRef, ListOptions, QueueCounts, QueueProvider, QueueSettings, ReleaseOptions, RoutedEnqueue, RoutedEnqueueResult, TakenRecord, TakeOptions } from '../provider/queue-provider.js';
import type { RoutedEnqueueOptions } from '../provider/routing-records.js';
import { sumPartitionCounts } from '../queue/queue-stats.js';
import { ForwardingProvider } from './forwarding-provider.js';
import { actOnPartitions, getFromPartitions, mergeGroups, rewriteInPartitions, scanPartitions } from './partition-admin.js';
import { PartitionLayout, queueOfStoreQueue, type PartitioningStore } from './partition-layout.js';
import { addResult, enqueueAcrossPartitions, finish, splitByPartition, type MergedResult } from './partition-enqueue.js';
import { PartitionView, takeAcrossPartitions } from './partition-take.js';

type Impl<K extends keyof QueueProvider> = NonNullable<QueueProvider[K]>;

/**
 * Partitioned queues over a store with shards (doPartitionQueueName: Redis). Each partition is a
 * store queue of its own; the store places it (Redis: its own hash tag, so Cluster spreads the
 * partitions over its shards) and this adapter owns the semantics: a record goes to the partition
 * of its groupId, else of its deduplication key, else of its id (partition-of.ts); a take visits
 * the partitions best priority first (partition-take.ts); counts, purge, dead letters, groups and
 * the admin seams cover every partition; the queue list shows queues, not partitions. The
 * partition travels in the lease token (`<partition>:<store token>`). A queue of one partition is
 * passed through as it is (one Map lookup per call).
 *
 * What it costs: every few takes (TAKES_PER_PEEK at most) a take peeks every partition first
 * (one read-only call each, in parallel); a wait for work watches every partition. A batch whose records go to several partitions
 * is stored partition by partition (atomic within one). docs/scaling.md.
 */
export class PartitionedQueues extends ForwardingProvider {
  private readonly layout: PartitionLayout;
  private readonly windows = new Map<string, number>();
  private readonly views = new Map<string, PartitionView>();
  declare readonly doCountGroups?: Impl<'doCountGroups'>;
  declare readonly doCountPartitions?: Impl<'doCountPartitions'>;
  declare readonly doScanRecords?: Impl<'doScanRecords'>;
  declare readonly doRewriteRecord?: Impl<'doRewriteRecord'>;
  declare readonly doGetRecord?: Impl<'doGetRecord'>;
  declare readonly doDeleteRecords?: Impl<'doDeleteRecords'>;
  declare readonly doPromoteRecords?: Impl<'doPromoteRecords'>;
  declare readonly doSetPriority?: Impl<'doSetPriority'>;
  declare readonly doSetPaused?: Impl<'doSetPaused'>;
  readonly doSetIdempotencyWindow?: Impl<'doSetIdempotencyWindow'>;

  constructor(
    private readonly store: PartitioningStore,
    capabilities: ProviderCapabilities,
    private readonly random: () => number = Math.random,
  ) {
    super(store, capabilities);
    this.layout = new PartitionLayout(store);
    const s = store;
    const w = this as { -readonly [K in keyof PartitionedQueues]: PartitionedQueues[K] };
    if (s.doCountGroups !== undefined) {
      const count = s.doCountGroups.bind(s);
      w.doCountGroups = (q, limit) => this.over(q, async (names) => (names.length === 1 ? count(q, limit) : mergeGroups(await Promise.all(names.map((n) => count(n, limit))), limit)));
    }
    w.doCountPartitions = (q) => this.eachPartition(q, (name) => this.inner.doCount(name));
    if (s.doScanRecords !== undefined) w.doScanRecords = (q, options) => this.over(q, (names) => scanPartitions(s, names, options));
    if (s.doRewriteRecord !== undefined) w.doRewriteRecord = (q, id, expected, data) => this.over(q, (names) => rewriteInPartitions(s, names, id, expected, data));
    if (s.doGetRecord !== undefined) w.doGetRecord = (q, id) => this.over(q, (names) => getFromPartitions(s, names, id));
    if (s.doDeleteRecords !== undefined) {
      const del = s.doDeleteRecords.bind(s);
      w.doDeleteRecords = (q, ids) => this.over(q, (names) => actOnPartitions(names, ids, (n) => del(n, ids)));
    }
    if (s.doPromoteRecords !== undefined) {
      const promote = s.doPromoteRecords.bind(s);
      w.doPromoteRecords = (q, ids, nowMs) => this.over(q, (names) => actOnPartitions(names, ids, (n) => promote(n, ids, nowMs)));
    }
    if (s.doSetPriority !== undefined) {
      const set = s.doSetPriority.bind(s);
      w.doSetPriority = (q, ids, priority) => this.over(q, (names) => actOnPartitions(names, ids, (n) => set(n, ids, priority)));
    }
    if (s.doSetPaused !== undefined) {
      const pause = s.doSetPaused.bind(s);
      w.doSetPaused = (q, paused) => this.over(q, async (names) => void (await Promise.all(names.map((n) => pause(n, paused)))));
    }
    if (s.doSetIdempotencyWindow !== undefined) {
      const set = s.doSetIdempotencyWindow.bind(s);
      w.doSetIdempotencyWindow = (q, windowMs) => {
        this.windows.set(q, windowMs);
        const known = this.layout.known(q);
        for (const name of known === undefined ? [q] : this.layout.storeQueues(q, known)) set(name, windowMs);
      };
    }
  }

  override doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    if (this.layout.known(queueName) === 1) return this.inner.doEnqueue(queueName, records);
    return this.over(queueName, (names) => (names.length === 1 ? this.inner.doEnqueue(queueName, records) : this.enqueueSplit(queueName, names, records)));
  }

  override doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    if (this.layout.known(queueName) === 1) return this.inner.doTake(queueName, options);
    return this.over(queueName, async (names) => {
      if (names.length === 1) return this.inner.doTake(queueName, options);
      const stores = { names, peek: (n: string) => this.store.doPeekReady(n), take: (n: string, o: TakeOptions) => this.inner.doTake(n, o) };
      let view = this.views.get(queueName);
      if (view === undefined) this.views.set(queueName, (view = new PartitionView()));
      const taken = await takeAcrossPartitions(stores, options, view, this.random);
      return taken.map(({ partition, record }) => ({ ...record, leaseToken: `${partition}:${record.leaseToken}` }));
    });
  }

  override doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    return this.settle(queueName, lease, (name, own) => this.inner.doAck(name, own, processingMs));
  }

  override doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    return this.settle(queueName, lease, (name, own) => this.inner.doRelease(name, own, options));
  }

  override doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean> {
    return this.settle(queueName, lease, (name, own) => this.inner.doDeadLetter(name, own, error, options));
  }

  /** Resolves when any partition may have work (or `signal` aborts); the other partitions' waits are ended. */
  override doWaitForWork(queueName: string, signal: AbortSignal): Promise<void> {
    if (this.layout.known(queueName) === 1) return this.inner.doWaitForWork(queueName, signal);
    return this.over(queueName, async (names) => {
      if (names.length === 1) return this.inner.doWaitForWork(queueName, signal);
      const stop = new AbortController();
      const abort = (): void => stop.abort();
      if (signal.aborted) stop.abort();
      else signal.addEventListener('abort', abort, { once: true });
      try {
        await Promise.race(names.map((name) => this.inner.doWaitForWork(name, stop.signal)));
      } finally {
        signal.removeEventListener('abort', abort);
        stop.abort();
      }
    });
  }

  override doCount(queueName: string): Promise<QueueCounts> {
    return this.over(queueName, async (names) => (names.length === 1 ? this.inner.doCount(queueName) : sumPartitionCounts(await Promise.all(names.map((name) => this.inner.doCount(name))))));
  }

  override async doListQueues(): Promise<string[]> {
    return [...new Set((await this.inner.doListQueues()).map(queueOfStoreQueue))];
  }

  override doPurge(queueName: string): Promise<number> {
    return this.eachPartition(queueName, (name) => this.inner.doPurge(name)).then(sum);
  }

  /** Reads the stored count (not this process's), deletes the other partitions, then the queue itself, which holds the settings. */
  override async doDeleteQueue(queueName: string): Promise<void> {
    const stored = (await this.store.doReadQueueSettings(queueName))?.partitions ?? 1;
    const names = new Set([...this.layout.storeQueues(queueName, stored), ...this.layout.storeQueues(queueName, this.layout.known(queueName) ?? 1)]);
    names.delete(queueName);
    await Promise.all([...names].map((name) => this.inner.doDeleteQueue(name)));
    await this.inner.doDeleteQueue(queueName);
    this.layout.forget(queueName);
    this.views.delete(queueName);
  }

  /** Oldest first across the partitions: the first offset + limit of each, merged by failedAt. */
  override async doListDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    return this.over(queueName, async (names) => {
      if (names.length === 1) return this.inner.doListDeadLetters(queueName, options);
      const page = { offset: 0, limit: options.offset + options.limit };
      const all = (await Promise.all(names.map((name) => this.inner.doListDeadLetters(name, page)))).flat();
      all.sort((a, b) => a.failedAt - b.failedAt);
      return all.slice(options.offset, options.offset + options.limit);
    });
  }

  override doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    return this.eachPartition(queueName, (name) => this.inner.doReplayDeadLetters(name, ids)).then((moved) => moved.flat());
  }

  override doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    return this.eachPartition(queueName, (name) => this.inner.doPurgeDeadLetters(name, ids)).then(sum);
  }

  protected override async declareQueue(queueName: string, settings: QueueSettings): Promise<QueueSettings> {
    const stored = await super.declareQueue(queueName, settings);
    this.layout.set(queueName, stored.partitions);
    this.applyWindow(queueName, this.layout.storeQueues(queueName, stored.partitions));
    return stored;
  }

  /** Each target's records go to their partitions; duplicates and deduplicated records are told per target, as asked. */
  protected override async enqueueRouted(targets: readonly RoutedEnqueue[], options: RoutedEnqueueOptions): Promise<RoutedEnqueueResult> {
    const layouts = await Promise.all(targets.map((t) => this.namesOf(t.queueName)));
    const split: RoutedEnqueue[] = [];
    const owners: { target: number; indexes: number[] }[] = [];
    targets.forEach((target, i) => {
      for (const [name, part] of splitByPartition(layouts[i] as readonly string[], target.records)) {
        split.push({ queueName: name, records: part.records });
        owners.push({ target: i, indexes: part.indexes });
      }
    });
    const routed = await super.enqueueRouted(split, options);
    if (routed.stale) return routed;
    const merged = targets.map((): MergedResult => ({ duplicateIds: [], deduplicated: [] }));
    routed.results.forEach((result, j) => {
      const owner = owners[j] as { target: number; indexes: number[] };
      addResult(merged[owner.target] as MergedResult, result, owner.indexes);
    });
    return { stale: false, results: merged.map(finish) };
  }

  /** A record of this process above every level in view makes the next take peek again. */
  private enqueueSplit(queueName: string, names: readonly string[], records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    const view = this.views.get(queueName);
    if (view !== undefined && records.some((r) => r.delayMs <= 0 && view.levels.every((level) => r.priority > level.priority))) view.takesLeft = 0;
    return enqueueAcrossPartitions(names, records, (name, part) => this.inner.doEnqueue(name, part));
  }

  private settle(queueName: string, lease: LeaseRef, call: (storeQueue: string, lease: LeaseRef) => Promise<boolean>): Promise<boolean> {
    const known = this.layout.known(queueName);
    if (known === undefined || known === 1) return call(queueName, lease);
    const mark = lease.leaseToken.indexOf(':');
    const name = this.layout.storeQueues(queueName, known)[Number(lease.leaseToken.slice(0, mark))];
    if (mark < 1 || name === undefined) return Promise.resolve(false);
    return call(name, { id: lease.id, leaseToken: lease.leaseToken.slice(mark + 1) });
  }

  private async namesOf(queueName: string): Promise<readonly string[]> {
    const count = await this.layout.count(queueName);
    const names = this.layout.storeQueues(queueName, count);
    if (this.windows.has(queueName)) this.applyWindow(queueName, names);
    return names;
  }

  /** Runs `fn` with the queue's store queues (its partition count read once per process). */
  private over<R>(queueName: string, fn: (names: readonly string[]) => Promise<R>): Promise<R> {
    return this.namesOf(queueName).then(fn);
  }

  private eachPartition<R>(queueName: string, call: (storeQueue: string) => Promise<R>): Promise<R[]> {
    return this.over(queueName, (names) => Promise.all(names.map(call)));
  }

  private applyWindow(queueName: string, names: readonly string[]): void {
    const windowMs = this.windows.get(queueName);
    if (windowMs !== undefined) for (const name of names) this.store.doSetIdempotencyWindow?.(name, windowMs);
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
