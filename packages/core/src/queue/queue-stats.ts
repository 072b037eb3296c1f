import type { GroupBacklog, QueueCounts } from '../provider/queue-provider.js';

/** The spec's stats shape. pending = waiting (ready + delayed); failed = dead letters held now. */
export interface QueueStats {
  /** pending + processing + completed + failed. */
  totalMessages: number;
  pendingMessages: number;
  processingMessages: number;
  completedMessages: number;
  failedMessages: number;
  /** Mean ms from take to ack of completed messages, one decimal. */
  avgProcessingTime: number;
  queues: string[];
  provider: string;
  healthy: boolean;
  /** Present (true) when the provider's counts are approximate (capabilities.counts, e.g. SQS): the numbers may lag behind. */
  approximate?: true;
  /** Present once this instance published a message that no binding took (routing, not mandatory): how many. */
  unroutableMessages?: number;
}

/** getStats(queueName): the spec's shape for one queue, plus its ready/delayed split. */
export interface SingleQueueStats extends QueueStats {
  queueName: string;
  readyMessages: number;
  delayedMessages: number;
  /** How long the ready message that waited longest has been ready, ms; absent when the provider cannot tell (0 when none is ready). */
  oldestMessageAgeMs?: number;
  /** With capabilities.admin: consumers take nothing from the queue (pauseQueue) while true. */
  paused?: boolean;
  /** With capabilities.groups: the groups with the most ready messages, most first (QueueStatsOptions.topGroups of them). */
  groups?: GroupBacklog[];
  /** With QueueStatsOptions.partitions: each partition's counts, partition 0 first; the totals above are their sum. */
  partitions?: PartitionStats[];
}

/** The counts of one partition of a queue, named as in SingleQueueStats. */
export type PartitionCounts = Pick<SingleQueueStats, 'totalMessages' | 'pendingMessages' | 'readyMessages' | 'delayedMessages' | 'processingMessages' | 'completedMessages' | 'failedMessages'>;

/**
 * One partition in getStats(queueName, { partitions: true }). A queue of one partition, or one on
 * a store that keeps a partitioned queue as one (memory), has one: partition 0.
 */
export interface PartitionStats {
  partition: number;
  counts: PartitionCounts;
}

/** getStats(queueName, options). */
export interface QueueStatsOptions {
  /** Report the groups with the most ready messages, this many (1–1000), largest first; left out: no groups. Only where the provider has capabilities.groups. */
  topGroups?: number;
  /** Also report each partition's counts (`partitions`); default false. */
  partitions?: boolean;
}

export const MAX_TOP_GROUPS = 1000;

/** The counts of several store queues as one; oldestReadyAgeMs is the oldest any of them reports. */
export function sumCounts(counts: readonly QueueCounts[]): QueueCounts {
  const total: { -readonly [K in keyof QueueCounts]: QueueCounts[K] } = { ready: 0, delayed: 0, processing: 0, dead: 0, completed: 0, processingMsTotal: 0 };
  for (const c of counts) {
    if (c.oldestReadyAgeMs !== undefined) total.oldestReadyAgeMs = Math.max(total.oldestReadyAgeMs ?? 0, c.oldestReadyAgeMs);
    total.ready += c.ready;
    total.delayed += c.delayed;
    total.processing += c.processing;
    total.dead += c.dead;
    total.completed += c.completed;
    total.processingMsTotal += c.processingMsTotal;
  }
  return total;
}

/** The partitions of one queue as the queue: summed, and paused when any partition is (where the store reports it). */
export function sumPartitionCounts(counts: readonly QueueCounts[]): QueueCounts {
  const total = sumCounts(counts);
  return counts.every((c) => c.paused === undefined) ? total : { ...total, paused: counts.some((c) => c.paused === true) };
}

export function toPartitionCounts(counts: QueueCounts): PartitionCounts {
  const pending = counts.ready + counts.delayed;
  return {
    totalMessages: pending + counts.processing + counts.completed + counts.dead,
    pendingMessages: pending,
    readyMessages: counts.ready,
    delayedMessages: counts.delayed,
    processingMessages: counts.processing,
    completedMessages: counts.completed,
    failedMessages: counts.dead,
  };
}

export function toQueueStats(counts: QueueCounts, queues: string[], provider: string, healthy: boolean, approximate = false): QueueStats {
  const pending = counts.ready + counts.delayed;
  const stats: QueueStats = {
    totalMessages: pending + counts.processing + counts.completed + counts.dead,
    pendingMessages: pending,
    processingMessages: counts.processing,
    completedMessages: counts.completed,
    failedMessages: counts.dead,
    avgProcessingTime: counts.completed === 0 ? 0 : Math.round((counts.processingMsTotal / counts.completed) * 10) / 10,
    queues,
    provider,
    healthy,
  };
  if (approximate) stats.approximate = true;
  return stats;
}
