import type { MessageTarget } from '@mq/core';
import { ProblemError } from './problem.js';
import { refusePersonalFilters } from './parse-message-query.js';

const TARGETS = '{ "ids": [...] }, { "filter": {...} } or { "all": true }';

/**
 * The body of an admin action: a target (`ids`, `filter` or `all`, checked by the core) and, for
 * the priority action, `priority`. Unknown fields and non-objects are a 400 here.
 */
export function parseTargetBody(body: unknown, withPriority: boolean, redactPayloads: boolean): { target: MessageTarget; priority?: unknown } {
  const allowed = withPriority ? ['ids', 'filter', 'all', 'priority'] : ['ids', 'filter', 'all'];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProblemError('invalid-body', `Send ${TARGETS}${withPriority ? ' with "priority" (1-10)' : ''}.`);
  }
  const unknownKey = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknownKey !== undefined) throw new ProblemError('invalid-body', `Unknown field "${unknownKey}": use ${allowed.join(', ')}.`, { extensions: { field: unknownKey } });
  const { priority, ...target } = body as Record<string, unknown>;
  if (withPriority && priority === undefined) throw new ProblemError('invalid-body', '"priority" is required: a whole number from 1 to 10.', { extensions: { field: 'priority' } });
  const filter = target['filter'];
  if (redactPayloads && typeof filter === 'object' && filter !== null) refusePersonalFilters(filter as Record<string, unknown>, 'filter field');
  return { target: target as MessageTarget, ...(withPriority ? { priority } : {}) };
}
