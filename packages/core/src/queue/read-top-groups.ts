import { ValidationError } from '../errors/validation-error.js';
import { describeValue } from '../message/validate.js';
import { MAX_TOP_GROUPS } from './queue-stats.js';

/** Checks getStats(queueName, options) and answers how many groups to report (0: none asked). */
export function readTopGroups(options: unknown): number {
  if (options === undefined) return 0;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `getStats(queueName, options) takes { topGroups?: number } or nothing, not ${describeValue(options)}.`, { field: 'options' });
  }
  const { topGroups, ...rest } = options as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new ValidationError('MQ_INVALID_ARGUMENT', `Unknown getStats() option "${unknown}": use topGroups.`, { field: unknown });
  if (topGroups === undefined) return 0;
  if (typeof topGroups !== 'number' || !Number.isInteger(topGroups) || topGroups < 1 || topGroups > MAX_TOP_GROUPS) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid topGroups ${describeValue(topGroups)}: use an integer from 1 to ${MAX_TOP_GROUPS}.`, { field: 'topGroups' });
  }
  return topGroups;
}
