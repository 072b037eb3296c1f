import type { MessageQueue, SingleQueueStats } from '@mq/core';
import type { QueueMetrics } from './queue-metrics.js';

/**
 * Fills the gauges from the store at scrape time, at a bounded cost: one getStats(queue) per queue
 * of listQueues() (plus one health() when there is none), shared by every gauge of a scrape and by
 * every scrape within `cacheMs`. A read in flight is shared too, so a burst of scrapes costs one read.
 * A store that does not answer sets mq_provider_up to 0 and leaves the queue gauges out (absent,
 * not 0: "unknown" must not look like "empty").
 */
export class StoreSnapshot {
  private reading: Promise<void> | undefined;
  private readAt = Number.NEGATIVE_INFINITY;
  private settled = true;

  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    private readonly queue: MessageQueue<any>,
    private readonly metrics: QueueMetrics,
    private readonly clock: { now(): number },
    private readonly cacheMs: number,
  ) {}

  /** Resolves once the gauges hold a read no older than cacheMs. Never rejects. */
  refresh(): Promise<void> {
    const now = this.clock.now();
    if (this.reading !== undefined && (!this.settled || now - this.readAt < this.cacheMs)) return this.reading;
    this.readAt = now;
    this.settled = false;
    this.reading = this.read().finally(() => {
      this.settled = true;
      this.readAt = this.clock.now();
    });
    return this.reading;
  }

  private async read(): Promise<void> {
    const { queue, metrics } = this;
    const names = await queue.listQueues().catch(() => undefined);
    const stats = names === undefined ? [] : await Promise.all(names.map((name) => queue.getStats(name).catch(() => undefined)));
    const up = names !== undefined && (stats.length === 0 ? (await queue.health()).healthy : stats.every((s) => s !== undefined && s.healthy));
    metrics.providerUp.set(up ? 1 : 0);
    metrics.messages.reset();
    metrics.oldestAge.reset();
    for (const s of stats) if (s !== undefined) this.show(s);
  }

  private show(stats: SingleQueueStats): void {
    const { messages, oldestAge } = this.metrics;
    const queue = stats.queueName;
    messages.set({ queue, state: 'ready' }, stats.readyMessages);
    messages.set({ queue, state: 'delayed' }, stats.delayedMessages);
    messages.set({ queue, state: 'processing' }, stats.processingMessages);
    messages.set({ queue, state: 'dead' }, stats.failedMessages);
    // Left out (absent) where the provider cannot tell the age of its oldest ready message.
    const ageMs = stats.readyMessages === 0 ? 0 : stats.oldestMessageAgeMs;
    if (ageMs !== undefined) oldestAge.set({ queue }, ageMs / 1000);
  }
}
