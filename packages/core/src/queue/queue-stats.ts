import type { QueueCounts } from '../provider/queue-provider.js';

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
}

export function sumCounts(counts: readonly QueueCounts[]): QueueCounts {
  const total = { ready: 0, delayed: 0, processing: 0, dead: 0, completed: 0, processingMsTotal: 0 };
  for (const c of counts) {
    total.ready += c.ready;
    total.delayed += c.delayed;
    total.processing += c.processing;
    total.dead += c.dead;
    total.completed += c.completed;
    total.processingMsTotal += c.processingMsTotal;
  }
  return total;
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
