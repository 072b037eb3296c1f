import type { Clock } from '../clock/clock.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { describeValue, validateQueueName } from '../message/validate.js';
import type { AppQueues } from './app-queues.js';
import type { ProviderGateway } from './provider-gateway.js';
import type { HealthReport, ListQueuesOptions } from './message-queue-options.js';
import { readStatsOptions } from './read-stats-options.js';
import { sumCounts, sumPartitionCounts, toPartitionCounts, toQueueStats, type QueueStats, type QueueStatsOptions, type SingleQueueStats } from './queue-stats.js';

export interface QueueMonitorDeps {
  readonly providerName: string;
  readonly clock: Clock;
  readonly queues: AppQueues;
  readonly gateway: ProviderGateway;
}

/** listQueues(), getStats() and health() of a MessageQueue: reading the store, never changing it. */
export class QueueMonitor {
  constructor(private readonly deps: QueueMonitorDeps) {}

  async listQueues(options?: ListQueuesOptions): Promise<string[]> {
    const all = readAllQueues(options, 'listQueues');
    return this.names(all);
  }

  /** The provider's counts are approximate (capabilities.counts, e.g. SQS): stats then say so. */
  private approximateCounts(): boolean {
    return this.deps.gateway.session.capabilities.counts === 'approximate';
  }

  async stats(scope?: string | ListQueuesOptions, options?: QueueStatsOptions): Promise<QueueStats | SingleQueueStats> {
    const { gateway, providerName } = this.deps;
    if (typeof scope === 'string') {
      const queueName = validateQueueName(scope);
      const { topGroups, partitions } = readStatsOptions(options);
      const healthy = await gateway.healthCheck('getStats');
      // Asked per partition, the totals are the sum of the same read, so the two always agree.
      const perPartition = partitions ? await gateway.countPartitions(queueName, 'getStats') : undefined;
      const counts = perPartition === undefined ? await gateway.count(queueName, 'getStats') : sumPartitionCounts(perPartition);
      const stats: SingleQueueStats = { ...toQueueStats(counts, [queueName], providerName, healthy, this.approximateCounts()), queueName, readyMessages: counts.ready, delayedMessages: counts.delayed };
      if (gateway.session.capabilities.admin) stats.paused = counts.paused === true;
      const oldest = counts.ready === 0 ? 0 : counts.oldestReadyAgeMs;
      if (oldest !== undefined) stats.oldestMessageAgeMs = Math.max(0, oldest);
      if (gateway.session.capabilities.groups && topGroups > 0) stats.groups = await gateway.countGroups(queueName, topGroups, 'getStats');
      if (perPartition !== undefined) stats.partitions = perPartition.map((c, partition) => ({ partition, counts: toPartitionCounts(c) }));
      return stats;
    }
    const all = readAllQueues(scope, 'getStats');
    const healthy = await gateway.healthCheck('getStats');
    const queues = await this.names(all);
    // With queues to count, a store that is down fails the counts; with none, say so the same way.
    if (!healthy && queues.length === 0) throw new ProviderUnavailableError(`The ${providerName} store does not answer: no stats to report.`);
    const counts = await Promise.all(queues.map((q) => gateway.count(q, 'getStats')));
    return toQueueStats(sumCounts(counts), queues, providerName, healthy, this.approximateCounts());
  }

  /** Never throws. Persistence comes from provider.doDescribe(), asked only while the store answers. */
  async health(): Promise<HealthReport> {
    const { gateway } = this.deps;
    const open = gateway.session.open !== undefined;
    const healthy = open && (await gateway.healthCheck('health').catch(() => false));
    const persistence = healthy ? await describePersistence(gateway) : undefined;
    const report: HealthReport = { healthy, provider: this.deps.providerName, timestamp: new Date(this.deps.clock.now()).toISOString() };
    if (persistence !== undefined) report.persistence = persistence;
    return report;
  }

  /** This app's queues, or with `all` every queue the provider lists as well; sorted. */
  private async names(all: boolean): Promise<string[]> {
    const mine = this.deps.queues.list();
    if (!all) {
      // Open or not, as for every call that reads the store.
      this.deps.gateway.session.requireOpen('listQueues');
      return mine;
    }
    const listed = await this.deps.gateway.listQueues('listQueues');
    return [...new Set([...mine, ...listed])].sort();
  }
}

function readAllQueues(options: unknown, operation: string): boolean {
  if (options === undefined) return false;
  const all = typeof options === 'object' && options !== null && !Array.isArray(options) ? (options as ListQueuesOptions).allQueues : null;
  if (all === undefined || typeof all === 'boolean') return all === true;
  throw new ValidationError('MQ_INVALID_ARGUMENT', `${operation}() takes ${operation === 'getStats' ? 'a queue name, ' : ''}{ allQueues?: boolean } or nothing, not ${describeValue(options)}.`, {
    field: 'options',
  });
}

async function describePersistence(gateway: ProviderGateway): Promise<Record<string, string> | undefined> {
  if (typeof gateway.session.open?.doDescribe !== 'function') return undefined;
  try {
    const persistence = (await gateway.describe('health'))?.persistence;
    return persistence === undefined ? undefined : { ...persistence };
  } catch {
    return undefined;
  }
}
