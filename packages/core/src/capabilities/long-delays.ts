import type { Clock } from '../clock/clock.js';
import type { ProviderCapabilities } from '../provider/provider-capabilities.js';
import type { DeadRecord, EnqueueRecord, EnqueueResult, LeaseRef, ListOptions, QueueProvider, ReleaseOptions, RoutedEnqueue, RoutedEnqueueResult, TakenRecord, TakeOptions } from '../provider/queue-provider.js';
import type { RoutedEnqueueOptions } from '../provider/routing-records.js';
import { markDue, readDue } from './due-marker.js';
import { ForwardingProvider } from './forwarding-provider.js';

/**
 * For a store with a longest delay (capabilities.maxDelayMs, e.g. 15 minutes on SQS). A longer
 * delay (at enqueue, or a retry's backoff at release) is stored as the longest the store takes,
 * with the due time kept in the record (due-marker.ts). When the store hands such a record out
 * before it is due, it goes straight back with the time left (again at most the longest) and its
 * attempt refunded, and the take takes again in its place: the core never sees it early, and a
 * take is not left empty while another record is ready. The due time is judged by the queue's
 * clock, as the enqueue that set it.
 */
export class LongDelays extends ForwardingProvider {
  constructor(
    inner: QueueProvider,
    capabilities: ProviderCapabilities,
    private readonly clock: Clock,
    private readonly maxDelayMs: number,
  ) {
    super(inner, capabilities);
  }

  override doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    return this.inner.doEnqueue(queueName, this.capped(records));
  }

  /** A routed publish's copies are capped alike. */
  protected override enqueueRouted(targets: readonly RoutedEnqueue[], options: RoutedEnqueueOptions): Promise<RoutedEnqueueResult> {
    return super.enqueueRouted(targets.map((t) => ({ queueName: t.queueName, records: this.capped(t.records) })), options);
  }

  /** Records with a delay longer than the store takes: stored with the longest it takes, their due time marked. */
  private capped(records: readonly EnqueueRecord[]): readonly EnqueueRecord[] {
    const max = this.maxDelayMs;
    if (!records.some((record) => record.delayMs > max)) return records;
    const now = this.clock.now();
    return records.map((record) => (record.delayMs > max ? { ...record, delayMs: max, data: markDue(now + record.delayMs, record.data) } : record));
  }

  override doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    if (options.delayMs <= this.maxDelayMs) return this.inner.doRelease(queueName, lease, options);
    const lastError = markDue(this.clock.now() + options.delayMs, options.lastError ?? '') as string;
    return this.inner.doRelease(queueName, lease, { ...options, delayMs: this.maxDelayMs, lastError });
  }

  override async doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    const due: TakenRecord[] = [];
    const { waitMs: _waitMs, ...again } = options;
    let records = await this.inner.doTake(queueName, options);
    for (;;) {
      const now = this.clock.now();
      let early = 0;
      for (const record of records) {
        const { dueAt: dataDueAt, data } = readDue(record.data);
        const marked = record.lastError === undefined ? undefined : readDue(record.lastError);
        const dueAt = Math.max(dataDueAt ?? 0, marked?.dueAt ?? 0);
        if (dueAt > now) {
          early++;
          // Back with the time left; lastError as it was, so a retry's due time stays with the record.
          const back: ReleaseOptions = { delayMs: Math.min(Math.ceil(dueAt - now), this.maxDelayMs), refundAttempt: true, ...(record.lastError === undefined ? {} : { lastError: record.lastError }) };
          await this.inner.doRelease(queueName, { id: record.id, leaseToken: record.leaseToken }, back);
        } else if (dataDueAt === undefined && marked?.dueAt === undefined) {
          due.push(record);
        } else {
          const { lastError: _marked, ...rest } = record;
          const lastError = marked === undefined || marked.data === '' ? undefined : marked.data;
          due.push(lastError === undefined ? { ...rest, data } : { ...rest, data, lastError });
        }
      }
      // Each record sent back waits at least 1 ms, so taking again cannot hand it out again now.
      if (early === 0) return due;
      records = await this.inner.doTake(queueName, { ...again, max: early });
    }
  }

  override async doListDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    const records = await this.inner.doListDeadLetters(queueName, options);
    return records.map((record) => {
      const { dueAt, data } = readDue(record.data);
      return dueAt === undefined ? record : { ...record, data };
    });
  }
}
