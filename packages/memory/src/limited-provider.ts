import type { DeadLetterOptions, DeadRecord, EnqueueRecord, EnqueueResult, LeaseRef, ListOptions, ProviderCapabilities, QueueCounts, ReleaseOptions, TakenRecord, TakeOptions } from '@mq/core/provider';
import { InMemoryProvider } from './in-memory-provider.js';
import { MEMORY_CAPABILITIES } from './memory-capabilities.js';
import { checkLimitedOptions, type LimitedProviderOptions } from './limited-provider-options.js';

/** The one priority a store without priorities keeps (and hands back) for every record. */
const STORE_PRIORITY = 5;

/**
 * An in-memory store that really lacks what it is told to lack (a stand-in for SQS and other
 * stores until they exist), so the core's emulations and the contract suite's gating run against
 * a real provider. Built on InMemoryProvider; each lack is a few lines below. Tests only.
 */
export class LimitedProvider extends InMemoryProvider {
  override readonly name: string;
  override readonly capabilities: ProviderCapabilities;
  /** counts 'approximate': the counts each queue reported last (see doCount). */
  private readonly lastCounts = new Map<string, QueueCounts>();
  private closed = false;

  constructor(options: LimitedProviderOptions = {}) {
    const { clock, name = 'limited', ...lacks } = checkLimitedOptions(options);
    super(clock === undefined ? {} : { clock });
    this.name = name;
    // Deduplication keys, fair groups and partitions are not offered over a store the core adapts
    // (priority levels split a queue, and the core's emulations do not carry them).
    this.capabilities = Object.freeze({ ...MEMORY_CAPABILITIES, deduplication: false, groups: false, partitions: false, admin: false, ...lacks });
  }

  override async doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    const { maxDelayMs, binaryData, priorities, atomicBatchEnqueue } = this.capabilities;
    for (const record of records) {
      if (record.delayMs > maxDelayMs) throw refused(`a delay of ${record.delayMs} ms is longer than the ${maxDelayMs} ms it takes`);
      if (!binaryData && typeof record.data !== 'string') throw refused('it stores text only');
    }
    // priorities 'none': everything is stored (and handed back) at one priority, first in first out.
    const stored = priorities === 'none' ? records.map((record) => ({ ...record, priority: STORE_PRIORITY })) : records;
    if (atomicBatchEnqueue || stored.length <= 1) return super.doEnqueue(queueName, stored);
    // Not atomic: record by record; a duplicate is left out and the others stay stored.
    const duplicateIds: string[] = [];
    for (const record of stored) duplicateIds.push(...(await super.doEnqueue(queueName, [record])).duplicateIds);
    return { duplicateIds };
  }

  override async doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    const { max, leaseMs, groupConcurrency } = options;
    const take = groupConcurrency === undefined ? { max, leaseMs } : { max, leaseMs, groupConcurrency };
    let records = await super.doTake(queueName, take);
    const waitMs = options.waitMs ?? 0;
    if (records.length === 0 && this.capabilities.blockingTake && waitMs > 0) records = await this.takeWaiting(queueName, take, waitMs, options.signal);
    return this.capabilities.ordering === 'best-effort' ? reverseWithinPriority(records) : records;
  }

  /** blockingTake: long polling. Waits up to waitMs (by the clock, or until `signal` aborts) for work, taking again whenever some may have come. */
  private async takeWaiting(queueName: string, take: TakeOptions, waitMs: number, signal: AbortSignal | undefined): Promise<TakenRecord[]> {
    const giveUpAt = this.clock.now() + waitMs;
    const stop = new AbortController();
    const abort = (): void => stop.abort();
    const timer = this.clock.setTimeout(abort, waitMs);
    if (signal?.aborted === true) stop.abort();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      for (;;) {
        await super.doWaitForWork(queueName, stop.signal);
        const records = await super.doTake(queueName, take);
        if (records.length > 0 || stop.signal.aborted || this.closed || this.clock.now() >= giveUpAt) return records;
      }
    } finally {
      this.clock.clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  }

  // fencedAcks false: any lease token of a leased record acts on it, expired or taken over since
  // (as an old SQS receipt handle still deletes the message).
  override doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    if (this.capabilities.fencedAcks) return super.doAck(queueName, lease, processingMs);
    const queue = this.queue(queueName);
    const slot = queue.leasedSlot(lease.id);
    if (slot < 0) return Promise.resolve(false);
    queue.remove(slot);
    queue.completed++;
    queue.processingMsTotal += processingMs;
    return Promise.resolve(true);
  }

  override doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    if (options.delayMs > this.capabilities.maxDelayMs) return Promise.reject(refused(`a delay of ${options.delayMs} ms is longer than the ${this.capabilities.maxDelayMs} ms it takes`));
    if (this.capabilities.fencedAcks) return super.doRelease(queueName, lease, options);
    const queue = this.queue(queueName);
    const slot = queue.leasedSlot(lease.id);
    if (slot < 0) return Promise.resolve(false);
    queue.release(slot, this.clock.now(), options.delayMs, options.lastError, options.refundAttempt === true);
    this.wake(queueName);
    return Promise.resolve(true);
  }

  override doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean> {
    if (this.capabilities.fencedAcks) return super.doDeadLetter(queueName, lease, error, options);
    const queue = this.queue(queueName);
    const slot = queue.leasedSlot(lease.id);
    if (slot < 0) return Promise.resolve(false);
    queue.dead.set(lease.id, queue.deadRecord(slot, error, this.clock.now(), options?.refundAttempt === true));
    queue.remove(slot);
    return Promise.resolve(true);
  }

  // deadLetters 'none': the store keeps dead letters, moves back or drops all of them, and cannot list or pick them.
  override doListDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    if (this.capabilities.deadLetters === 'none') return Promise.reject(refused('it cannot list dead letters'));
    return super.doListDeadLetters(queueName, options);
  }

  override doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    if (this.capabilities.deadLetters === 'none' && ids !== undefined) return Promise.reject(refused('it moves all dead letters back or none, not some by id'));
    return super.doReplayDeadLetters(queueName, ids);
  }

  override doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    if (this.capabilities.deadLetters === 'none' && ids !== undefined) return Promise.reject(refused('it drops all dead letters or none, not some by id'));
    return super.doPurgeDeadLetters(queueName, ids);
  }

  // counts 'approximate': one read behind, as a store whose counters are refreshed in the background.
  override async doCount(queueName: string): Promise<QueueCounts> {
    const now = await super.doCount(queueName);
    if (this.capabilities.counts === 'exact') return now;
    const before = this.lastCounts.get(queueName) ?? now;
    this.lastCounts.set(queueName, now);
    return before;
  }

  override doDisconnect(): Promise<void> {
    this.closed = true;
    return super.doDisconnect();
  }
}

/** ordering 'best-effort': records of one priority come back last first within a take. */
function reverseWithinPriority(records: TakenRecord[]): TakenRecord[] {
  const out: TakenRecord[] = [];
  for (let start = 0; start < records.length; ) {
    let end = start + 1;
    while (end < records.length && records[end]?.priority === records[start]?.priority) end++;
    out.push(...records.slice(start, end).reverse());
    start = end;
  }
  return out;
}

/** What the store itself would answer (the core wraps it as MQ_PROVIDER_ERROR): it is not the core's refusal. */
function refused(reason: string): Error {
  return new Error(`The limited store refused the call: ${reason}.`);
}
