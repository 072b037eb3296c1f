import { DEFAULT_PRIORITY } from '../message/queue-message.js';
import type {
  DeadLetterOptions,
  DeadRecord,
  EnqueueRecord,
  EnqueueResult,
  LeaseRef,
  ListOptions,
  QueueCounts,
  QueueSettings,
  ReleaseOptions,
  RoutedEnqueue,
  RoutedEnqueueResult,
  TakenRecord,
  TakeOptions,
} from '../provider/queue-provider.js';
import type { RoutedEnqueueOptions } from '../provider/routing-records.js';
import { sumCounts } from '../queue/queue-stats.js';
import { enqueueParts } from './enqueue-parts.js';
import { ForwardingProvider } from './forwarding-provider.js';
import { checkLevelledQueueName, parsePriorityLevelQueueName, priorityLevelQueueName as level } from './priority-level-names.js';

/** Highest first: the order a take visits the levels in. */
const LEVELS = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1] as const;

/**
 * Priorities for a store without them (capabilities.priorities 'none'): each level of a queue is
 * a store queue of its own (priority-level-names.ts). An enqueue goes to its message's level; a
 * take visits the levels highest first until it has `max`, so higher priorities come first and
 * each level keeps the store's own order. Counts, purge, delete and the dead letters cover all
 * levels; the queue list shows the queues, not their levels. The level travels in the lease token
 * (`<level>.<store token>`), so a settlement finds its store queue with nothing kept per message.
 *
 * What it costs: up to ten store calls per take, and a wait for work watches ten store queues. A
 * batch with several priorities is stored level by level (not atomically), and a message id is
 * unique per level, not across them. A blocking take (capabilities.blockingTake) visits the
 * levels without waiting and then waits on the default level (5): a message of another level
 * that arrives meanwhile waits for the next take (at most waitMs).
 */
export class PriorityLevels extends ForwardingProvider {
  override doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    checkLevelledQueueName(queueName);
    const first = records[0]?.priority ?? DEFAULT_PRIORITY;
    if (records.every((record) => record.priority === first)) return this.inner.doEnqueue(level(queueName, first), records);
    const parts = LEVELS.map((p) => records.filter((record) => record.priority === p)).filter((part) => part.length > 0);
    return enqueueParts(parts, (part) => this.inner.doEnqueue(level(queueName, (part[0] as EnqueueRecord).priority), part));
  }

  override async doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    checkLevelledQueueName(queueName);
    const { waitMs, ...take } = options;
    const taken: TakenRecord[] = [];
    for (const p of LEVELS) {
      if (taken.length >= options.max) break;
      for (const record of await this.inner.doTake(level(queueName, p), { ...take, max: options.max - taken.length })) taken.push(levelled(record, p));
    }
    if (taken.length > 0 || waitMs === undefined || waitMs <= 0) return taken;
    return (await this.inner.doTake(level(queueName, DEFAULT_PRIORITY), options)).map((record) => levelled(record, DEFAULT_PRIORITY));
  }

  override doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    const found = unlevelled(lease);
    return found === undefined ? Promise.resolve(false) : this.inner.doAck(level(queueName, found.priority), found.lease, processingMs);
  }

  override doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    const found = unlevelled(lease);
    return found === undefined ? Promise.resolve(false) : this.inner.doRelease(level(queueName, found.priority), found.lease, options);
  }

  override doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean> {
    const found = unlevelled(lease);
    return found === undefined ? Promise.resolve(false) : this.inner.doDeadLetter(level(queueName, found.priority), found.lease, error, options);
  }

  /** Resolves when any level may have work (or `signal` aborts); the other levels' waits are ended. */
  override async doWaitForWork(queueName: string, signal: AbortSignal): Promise<void> {
    const stop = new AbortController();
    const abort = (): void => stop.abort();
    if (signal.aborted) stop.abort();
    else signal.addEventListener('abort', abort, { once: true });
    try {
      await Promise.race(LEVELS.map((p) => this.inner.doWaitForWork(level(queueName, p), stop.signal)));
    } finally {
      signal.removeEventListener('abort', abort);
      stop.abort();
    }
  }

  override async doCount(queueName: string): Promise<QueueCounts> {
    return sumCounts(await this.eachLevel(queueName, (name) => this.inner.doCount(name)));
  }

  override async doListQueues(): Promise<string[]> {
    const names = (await this.inner.doListQueues()).map((name) => parsePriorityLevelQueueName(name)?.queueName ?? name);
    return [...new Set(names)];
  }

  override async doPurge(queueName: string): Promise<number> {
    return sum(await this.eachLevel(queueName, (name) => this.inner.doPurge(name)));
  }

  override async doDeleteQueue(queueName: string): Promise<void> {
    await this.eachLevel(queueName, (name) => this.inner.doDeleteQueue(name));
  }

  /** Oldest first across the levels: the first offset + limit of each level, merged by failedAt. */
  override async doListDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    const page = { offset: 0, limit: options.offset + options.limit };
    const levels = await this.eachLevel(queueName, (name) => this.inner.doListDeadLetters(name, page));
    const all = levels.flatMap((records, i) => records.map((record) => ({ ...record, priority: LEVELS[i] as number })));
    // A stable sort: records of one level keep the store's order among equal times.
    all.sort((a, b) => a.failedAt - b.failedAt);
    return all.slice(options.offset, options.offset + options.limit);
  }

  override async doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    return (await this.eachLevel(queueName, (name) => this.inner.doReplayDeadLetters(name, ids))).flat();
  }

  override async doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    return sum(await this.eachLevel(queueName, (name) => this.inner.doPurgeDeadLetters(name, ids)));
  }

  protected override async declareQueue(queueName: string, settings: QueueSettings): Promise<QueueSettings> {
    const stored = await this.eachLevel(queueName, (name) => super.declareQueue(name, settings));
    return stored[0] as QueueSettings;
  }

  /** Each target's records go to their levels; the duplicates are told per target, as asked. */
  protected override async enqueueRouted(targets: readonly RoutedEnqueue[], options: RoutedEnqueueOptions): Promise<RoutedEnqueueResult> {
    const split: RoutedEnqueue[] = [];
    const owners: number[] = [];
    targets.forEach((target, i) => {
      for (const p of LEVELS) {
        const records = target.records.filter((record) => record.priority === p);
        if (records.length === 0) continue;
        split.push({ queueName: level(target.queueName, p), records });
        owners.push(i);
      }
    });
    const duplicates = targets.map((): string[] => []);
    const routed = await super.enqueueRouted(split, options);
    if (routed.stale) return routed;
    routed.results.forEach((result, j) => duplicates[owners[j] as number]?.push(...result.duplicateIds));
    return { stale: false, results: duplicates.map((duplicateIds) => ({ duplicateIds })) };
  }

  private eachLevel<R>(queueName: string, call: (storeQueue: string) => Promise<R>): Promise<R[]> {
    checkLevelledQueueName(queueName);
    return Promise.all(LEVELS.map((p) => call(level(queueName, p))));
  }
}

function levelled(record: TakenRecord, priority: number): TakenRecord {
  return { ...record, priority, leaseToken: `${priority}.${record.leaseToken}` };
}

function unlevelled(lease: LeaseRef): { priority: number; lease: LeaseRef } | undefined {
  const split = lease.leaseToken.indexOf('.');
  const priority = Number(lease.leaseToken.slice(0, split));
  if (split < 1 || !Number.isInteger(priority) || priority < 1 || priority > 10) return undefined;
  return { priority, lease: { id: lease.id, leaseToken: lease.leaseToken.slice(split + 1) } };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
