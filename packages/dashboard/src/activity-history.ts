import type { Clock } from '@mq/core';

export const BUCKET_MS = 60_000;
export const HISTORY_BUCKETS = 60;

/** One minute of one queue, as this process saw it. */
export interface MinuteBucket {
  /** Start of the minute, epoch ms. */
  readonly at: number;
  enqueued: number;
  completed: number;
  deadLettered: number;
  /** Sum and largest of take-to-ack times of the completed messages, ms. */
  durationMsTotal: number;
  durationMsMax: number;
}

export interface QueueHistory {
  readonly queueName: string;
  /** HISTORY_BUCKETS minutes, oldest first, the last one the current minute (empty minutes included). */
  readonly minutes: readonly MinuteBucket[];
}

/**
 * Throughput and latency over the last hour, per queue, counted from the queue events this process
 * sees (its own enqueues, and the completions and dead letters of its own consumers): no store
 * reads, a fixed 60 buckets per queue. A dashboard process that consumes nothing shows enqueues only.
 */
export class ActivityHistory {
  private readonly queues = new Map<string, MinuteBucket[]>();

  constructor(private readonly clock: Clock) {}

  enqueued(queueName: string): void {
    this.bucket(queueName).enqueued += 1;
  }

  completed(queueName: string, durationMs: number): void {
    const bucket = this.bucket(queueName);
    bucket.completed += 1;
    bucket.durationMsTotal += durationMs;
    bucket.durationMsMax = Math.max(bucket.durationMsMax, durationMs);
  }

  deadLettered(queueName: string): void {
    this.bucket(queueName).deadLettered += 1;
  }

  /** Every queue seen within the hour, by name. */
  snapshot(): QueueHistory[] {
    const start = this.minuteOf(this.clock.now()) - (HISTORY_BUCKETS - 1) * BUCKET_MS;
    const result: QueueHistory[] = [];
    for (const [queueName, kept] of [...this.queues].sort(([a], [b]) => a.localeCompare(b))) {
      const byMinute = new Map(kept.filter((b) => b.at >= start).map((b) => [b.at, b]));
      if (byMinute.size === 0) {
        this.queues.delete(queueName);
        continue;
      }
      const minutes = Array.from({ length: HISTORY_BUCKETS }, (_, i) => byMinute.get(start + i * BUCKET_MS) ?? empty(start + i * BUCKET_MS));
      result.push({ queueName, minutes });
    }
    return result;
  }

  private bucket(queueName: string): MinuteBucket {
    const at = this.minuteOf(this.clock.now());
    let kept = this.queues.get(queueName);
    if (kept === undefined) this.queues.set(queueName, (kept = []));
    const last = kept[kept.length - 1];
    if (last !== undefined && last.at === at) return last;
    const bucket = empty(at);
    kept.push(bucket);
    // Older than the hour: dropped as the minutes turn, so each queue keeps at most HISTORY_BUCKETS.
    while (kept.length > 0 && (kept[0] as MinuteBucket).at <= at - HISTORY_BUCKETS * BUCKET_MS) kept.shift();
    return bucket;
  }

  private minuteOf(ms: number): number {
    return Math.floor(ms / BUCKET_MS) * BUCKET_MS;
  }
}

function empty(at: number): MinuteBucket {
  return { at, enqueued: 0, completed: 0, deadLettered: 0, durationMsTotal: 0, durationMsMax: 0 };
}
