import { ValidationError } from '../errors/validation-error.js';
import { describeValue } from '../message/validate.js';
import { MAX_TOP_GROUPS } from './queue-stats.js';

/** What getStats(queueName, options) was asked for: how many groups (0: none) and whether each partition's counts. */
export interface StatsRequest {
  readonly topGroups: number;
  readonly partitions: boolean;
}

const NOTHING: StatsRequest = Object.freeze({ topGroups: 0, partitions: false });

/** Checks getStats(queueName, options) (MQ_INVALID_ARGUMENT naming the field). */
export function readStatsOptions(options: unknown): StatsRequest {
  if (options === undefined) return NOTHING;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `getStats(queueName, options) takes { topGroups?: number, partitions?: boolean } or nothing, not ${describeValue(options)}.`, { field: 'options' });
  }
  const { topGroups, partitions, ...rest } = options as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new ValidationError('MQ_INVALID_ARGUMENT', `Unknown getStats() option "${unknown}": use topGroups or partitions.`, { field: unknown });
  if (partitions !== undefined && typeof partitions !== 'boolean') {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid partitions ${describeValue(partitions)}: use true or false.`, { field: 'partitions' });
  }
  if (topGroups !== undefined && (typeof topGroups !== 'number' || !Number.isInteger(topGroups) || topGroups < 1 || topGroups > MAX_TOP_GROUPS)) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid topGroups ${describeValue(topGroups)}: use an integer from 1 to ${MAX_TOP_GROUPS}.`, { field: 'topGroups' });
  }
  return { topGroups: topGroups ?? 0, partitions: partitions === true };
}
