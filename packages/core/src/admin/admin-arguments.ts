import { ValidationError } from '../errors/validation-error.js';
import { describeValue, validatePositiveInteger } from '../message/validate.js';
import type { MessageFilter, MessageState, MessageTarget } from './message-info.js';

export const MESSAGE_STATES: readonly MessageState[] = Object.freeze(['ready', 'delayed', 'processing', 'dead']);
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 1000;
export const DEFAULT_SCAN_LIMIT = 10_000;

const FILTER_FIELDS = ['id', 'type', 'userId', 'conversationId', 'text'] as const;

function invalid(field: string, message: string, allowed: string): ValidationError {
  return new ValidationError('MQ_INVALID_ARGUMENT', message, { field, allowed });
}

/** One of ready, delayed, processing, dead. */
export function validateMessageState(value: unknown, field = 'state'): MessageState {
  if (typeof value !== 'string' || !(MESSAGE_STATES as readonly string[]).includes(value)) {
    throw invalid(field, `Invalid ${field} ${describeValue(value)}: use one of ${MESSAGE_STATES.join(', ')}.`, MESSAGE_STATES.join('|'));
  }
  return value as MessageState;
}

/** A page size: 1..1000, default 50. */
export function validatePageLimit(value: unknown, field = 'limit'): number {
  return value === undefined ? DEFAULT_PAGE_LIMIT : validatePositiveInteger(value, field, MAX_PAGE_LIMIT);
}

/** How many records a search looks at per call: default 10_000. */
export function validateScanLimit(value: unknown): number {
  return value === undefined ? DEFAULT_SCAN_LIMIT : validatePositiveInteger(value, 'scanLimit');
}

/** '' (start) when left out, else the string the previous page returned. */
export function validateCursor(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalid('cursor', `Invalid cursor ${describeValue(value)}: pass the nextCursor of the previous page, or leave it out to start.`, 'string');
  return value;
}

/** A filter with string fields and a state (or states); returns it with `states` resolved (default: all four). */
export function validateMessageFilter(value: unknown, field = 'filter'): MessageFilter & { readonly states: readonly MessageState[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, `Invalid ${field} ${describeValue(value)}: use an object with any of ${FILTER_FIELDS.join(', ')}, state.`, 'object');
  }
  const filter = value as Record<string, unknown>;
  for (const name of FILTER_FIELDS) {
    if (filter[name] !== undefined && typeof filter[name] !== 'string') {
      throw invalid(`${field}.${name}`, `Invalid ${field}.${name} ${describeValue(filter[name])}: use a string.`, 'string');
    }
  }
  const given = filter['state'];
  const list = given === undefined ? MESSAGE_STATES : Array.isArray(given) ? given : [given];
  if (list.length === 0) throw invalid(`${field}.state`, `Invalid ${field}.state []: name at least one of ${MESSAGE_STATES.join(', ')}, or leave it out for all.`, MESSAGE_STATES.join('|'));
  const states = [...new Set(list.map((state: unknown) => validateMessageState(state, `${field}.state`)))];
  return { ...(filter as MessageFilter), states };
}

/** { ids } (strings, at least one), { filter } or { all: true }. */
export function validateMessageTarget(value: unknown): MessageTarget {
  const allowed = '{ ids: string[] } | { filter } | { all: true }';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('target', `Invalid target ${describeValue(value)}: use ${allowed}.`, allowed);
  }
  const target = value as Record<string, unknown>;
  const given = ['ids', 'filter', 'all'].filter((key) => target[key] !== undefined);
  if (given.length !== 1) throw invalid('target', `A target names exactly one of ids, filter, all (got ${given.length === 0 ? 'none' : given.join(', ')}): use ${allowed}.`, allowed);
  if (target['ids'] !== undefined) {
    const ids = target['ids'];
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id !== '')) {
      throw invalid('ids', `Invalid ids ${describeValue(ids)}: use a non-empty array of message ids (non-empty strings).`, 'string[]');
    }
    return { ids: [...new Set(ids as string[])] };
  }
  if (target['filter'] !== undefined) {
    const { states: _states, ...filter } = validateMessageFilter(target['filter']);
    return { filter };
  }
  if (target['all'] !== true) throw invalid('all', `Invalid all ${describeValue(target['all'])}: use all: true to act on every message.`, 'true');
  return { all: true };
}
