import type { MessageState, SearchMessagesOptions } from '@mq/core';
import { parseIntegerQuery } from './parse-integer-query.js';
import { ProblemError } from './problem.js';

const LIST_PARAMS = ['state', 'limit', 'cursor'] as const;
const SEARCH_PARAMS = ['id', 'type', 'userId', 'conversationId', 'text', 'state', 'limit', 'scanLimit', 'cursor'] as const;
/** Filters that look into what redactPayloads hides: refused when it is on, so a search cannot probe them. */
export const PERSONAL_FILTERS = ['text', 'userId', 'conversationId'] as const;

/** `?state=&limit=&cursor=` of GET /queues/:queueName/messages (state required; the core checks the values). */
export function parseListQuery(query: Record<string, unknown>): { state: MessageState; limit?: number; cursor?: string } {
  const params = pickStrings(query, LIST_PARAMS);
  if (params.state === undefined) throw new ProblemError('invalid-query', '"state" is required: one of ready, delayed, processing, dead.', { extensions: { field: 'state' } });
  const limit = parseIntegerQuery(params.limit, 'limit');
  return { state: params.state as MessageState, ...(limit === undefined ? {} : { limit }), ...(params.cursor === undefined ? {} : { cursor: params.cursor }) };
}

/** The query of GET /queues/:queueName/search: filter fields, `state` (comma-separated), limit, scanLimit, cursor. */
export function parseSearchQuery(query: Record<string, unknown>, redactPayloads: boolean): SearchMessagesOptions {
  const params = pickStrings(query, SEARCH_PARAMS);
  if (redactPayloads) refusePersonalFilters(params, 'query parameter');
  const { state, limit, scanLimit, ...filter } = params;
  const limitNumber = parseIntegerQuery(limit, 'limit');
  const scanLimitNumber = parseIntegerQuery(scanLimit, 'scanLimit');
  return {
    ...filter,
    ...(state === undefined ? {} : { state: state.split(',') as MessageState[] }),
    ...(limitNumber === undefined ? {} : { limit: limitNumber }),
    ...(scanLimitNumber === undefined ? {} : { scanLimit: scanLimitNumber }),
  };
}

/** Under redactPayloads: a filter on a hidden field is a 403 (it would reveal what the listing hides). */
export function refusePersonalFilters(filter: Record<string, unknown>, what: string): void {
  const field = PERSONAL_FILTERS.find((name) => filter[name] !== undefined);
  if (field !== undefined) {
    throw new ProblemError('forbidden', `The ${what} "${field}" matches what redactPayloads hides; this router does not search by ${PERSONAL_FILTERS.join(', ')}.`, { extensions: { field } });
  }
}

function pickStrings<K extends string>(query: Record<string, unknown>, allowed: readonly K[]): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!(allowed as readonly string[]).includes(name)) {
      throw new ProblemError('invalid-query', `Unknown query parameter "${name}": use ${allowed.join(', ')}.`, { extensions: { field: name } });
    }
    if (typeof value !== 'string') throw new ProblemError('invalid-query', `Give "${name}" once, as a string.`, { extensions: { field: name } });
    picked[name as K] = value;
  }
  return picked;
}
