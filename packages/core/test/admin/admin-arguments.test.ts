import { isMqError, type MessageInfo } from '@mq/core';
import { describe, expect, it } from 'vitest';
import { validateCursor, validateMessageFilter, validateMessageState, validateMessageTarget, validatePageLimit, validateScanLimit } from '../../src/admin/admin-arguments.js';
import { matchesFilter } from '../../src/admin/match-filter.js';

function refusal(fn: () => unknown): { code: string; message: string; field: unknown } {
  try {
    fn();
  } catch (error) {
    if (!isMqError(error)) throw error;
    return { code: error.code, message: error.message, field: error.details['field'] };
  }
  throw new Error('expected a refusal');
}

const message: MessageInfo = {
  queueName: 'orders',
  id: 'm1',
  state: 'ready',
  type: 'order.placed',
  payload: { customer: 'Ada Lovelace', total: 42 },
  priority: 5,
  attempts: 0,
  maxRetries: 3,
  createdAt: 0,
  availableAt: 0,
  metadata: { userId: 'u1', conversationId: 'c1', headers: {} },
};

describe('admin arguments', () => {
  it('a state is one of the four, and a bad one is refused naming the field and the states allowed', () => {
    expect(validateMessageState('processing')).toBe('processing');
    expect(refusal(() => validateMessageState('waiting'))).toMatchObject({ code: 'MQ_INVALID_ARGUMENT', field: 'state', message: expect.stringMatching(/ready, delayed, processing, dead/) });
  });

  it('a page limit defaults to 50 and takes 1..1000; a cursor defaults to the start', () => {
    expect(validatePageLimit(undefined)).toBe(50);
    expect(validatePageLimit(1000)).toBe(1000);
    expect(refusal(() => validatePageLimit(0))).toMatchObject({ code: 'MQ_INVALID_ARGUMENT', field: 'limit', message: expect.stringMatching(/1 to 1000/) });
    expect(refusal(() => validatePageLimit(1001))).toMatchObject({ field: 'limit' });
    expect(refusal(() => validatePageLimit(2.5))).toMatchObject({ field: 'limit' });
    expect(validateScanLimit(undefined)).toBe(10_000);
    expect(refusal(() => validateScanLimit(-1))).toMatchObject({ field: 'scanLimit' });
    expect(validateCursor(undefined)).toBe('');
    expect(refusal(() => validateCursor(7))).toMatchObject({ field: 'cursor' });
  });

  it('a filter resolves its states (default all four, duplicates once) and refuses wrong field types', () => {
    expect(validateMessageFilter({}).states).toEqual(['ready', 'delayed', 'processing', 'dead']);
    expect(validateMessageFilter({ state: ['dead', 'dead', 'ready'] }).states).toEqual(['dead', 'ready']);
    expect(validateMessageFilter({ state: 'delayed', type: 't' })).toMatchObject({ type: 't', states: ['delayed'] });
    expect(refusal(() => validateMessageFilter({ userId: 5 }))).toMatchObject({ code: 'MQ_INVALID_ARGUMENT', field: 'filter.userId' });
    expect(refusal(() => validateMessageFilter({ state: [] }))).toMatchObject({ field: 'filter.state' });
    expect(refusal(() => validateMessageFilter({ state: 'gone' }))).toMatchObject({ field: 'filter.state' });
    expect(refusal(() => validateMessageFilter('x'))).toMatchObject({ field: 'filter' });
  });

  it('a target names exactly one of ids, filter, all', () => {
    expect(validateMessageTarget({ ids: ['a', 'b', 'a'] })).toEqual({ ids: ['a', 'b'] });
    expect(validateMessageTarget({ filter: { type: 't' } })).toEqual({ filter: { type: 't' } });
    expect(validateMessageTarget({ all: true })).toEqual({ all: true });
    expect(refusal(() => validateMessageTarget({}))).toMatchObject({ code: 'MQ_INVALID_ARGUMENT', field: 'target', message: expect.stringMatching(/got none/) });
    expect(refusal(() => validateMessageTarget({ ids: ['a'], all: true }))).toMatchObject({ field: 'target', message: expect.stringMatching(/ids, all/) });
    expect(refusal(() => validateMessageTarget({ ids: [] }))).toMatchObject({ field: 'ids' });
    expect(refusal(() => validateMessageTarget({ ids: ['a', 3] }))).toMatchObject({ field: 'ids' });
    expect(refusal(() => validateMessageTarget({ all: 'yes' }))).toMatchObject({ field: 'all' });
    expect(refusal(() => validateMessageTarget(null))).toMatchObject({ field: 'target' });
  });
});

describe('matchesFilter', () => {
  it('every given field must match (AND); text is a case-insensitive substring of the payload JSON', () => {
    expect(matchesFilter(message, {})).toBe(true);
    expect(matchesFilter(message, { id: 'm1', type: 'order.placed', userId: 'u1', conversationId: 'c1' })).toBe(true);
    expect(matchesFilter(message, { type: 'order.placed', userId: 'u2' })).toBe(false);
    expect(matchesFilter(message, { text: 'ada LOVE' })).toBe(true);
    expect(matchesFilter(message, { text: '"total":42' })).toBe(true);
    expect(matchesFilter(message, { text: 'grace' })).toBe(false);
  });

  it('an undecodable or redacted payload (null) matches no text, but other fields still match', () => {
    const opaque = { ...message, payload: null };
    expect(matchesFilter(opaque, { text: 'ada' })).toBe(false);
    expect(matchesFilter(opaque, { type: 'order.placed' })).toBe(true);
  });
});
