import { isMqError, type MessageQueue, type SingleQueueStats } from '@mq/core';
import type { RequestHandler } from 'express';
import type { ActivityHistory } from './activity-history.js';

/** The largest groups by backlog shown per queue (where the provider has groups). */
export const TOP_GROUPS = 5;

export interface OverviewSettings {
  readonly readOnly: boolean;
  readonly redactPayloads: boolean;
  readonly pollIntervalMs: number;
}

/**
 * GET /api/overview: what the overview page shows in one read: health (with persistence), every
 * queue the provider lists with its stats (counts by state, oldest waiting age, paused, largest
 * groups, each partition's counts where it has several) and the last hour of activity this process saw.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function overviewRoute(queue: MessageQueue<any>, history: ActivityHistory, settings: OverviewSettings): RequestHandler {
  let groups = true;
  const read = async (queueName: string): Promise<SingleQueueStats> => {
    if (!groups) return queue.getStats(queueName, { partitions: true });
    try {
      return await queue.getStats(queueName, { topGroups: TOP_GROUPS, partitions: true });
    } catch (error) {
      // A provider without capabilities.groups: asked once, then never again.
      if (!isMqError(error, 'MQ_UNSUPPORTED')) throw error;
      groups = false;
      return queue.getStats(queueName, { partitions: true });
    }
  };
  const statsOf = async (queueName: string): Promise<SingleQueueStats> => {
    const stats = await read(queueName);
    // One partition is the queue's own row: sent only for a queue spread over several.
    if (stats.partitions !== undefined && stats.partitions.length < 2) delete stats.partitions;
    return stats;
  };
  return async (_req, res) => {
    const [health, names] = await Promise.all([queue.health(), queue.listQueues({ allQueues: true })]);
    const queues = await Promise.all(names.map(statsOf));
    res.set('Cache-Control', 'no-store').json({ health, queues, history: history.snapshot(), settings });
  };
}
