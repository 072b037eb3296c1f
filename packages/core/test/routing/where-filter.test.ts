import { ManualClock, MessageQueue, type CreateMessageOptions, type QueueMessage } from '@mq/core';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it } from 'vitest';
import { compileWhere } from '../../src/routing/where-filter.js';

const queue = new MessageQueue({ provider: new InMemoryProvider(), clock: new ManualClock() });
const msg = (payload: unknown, options?: CreateMessageOptions, type = 'closed'): QueueMessage => queue.createMessage(type, payload, options);
const passes = (where: unknown, message: QueueMessage): boolean => compileWhere(where)(message);

describe('where filters', () => {
  it('exact values: strings, numbers, booleans, null; on type, metadata and payload', () => {
    const m = msg({ score: 7, vip: true, note: null, name: 'ann' }, { userId: 'vip-1' });
    expect(passes({ type: 'closed' }, m)).toBe(true);
    expect(passes({ type: 'opened' }, m)).toBe(false);
    expect(passes({ 'metadata.userId': 'vip-1' }, m)).toBe(true);
    expect(passes({ 'payload.score': 7 }, m)).toBe(true);
    expect(passes({ 'payload.score': '7' }, m)).toBe(false);
    expect(passes({ 'payload.vip': true }, m)).toBe(true);
    expect(passes({ 'payload.note': null }, m)).toBe(true);
    expect(passes({ payload: 5 }, msg(5))).toBe(true);
  });

  it('a list matches any of its values (ORed); keys are ANDed', () => {
    const m = msg({ status: 'open', score: 3 });
    expect(passes({ 'payload.status': ['closed', 'open'] }, m)).toBe(true);
    expect(passes({ 'payload.status': ['closed', 'gone'] }, m)).toBe(false);
    expect(passes({ 'payload.status': ['open'], 'payload.score': 3 }, m)).toBe(true);
    expect(passes({ 'payload.status': ['open'], 'payload.score': 4 }, m)).toBe(false);
  });

  it('prefix, gt, gte, lt, lte (several in one object are ANDed) and exists', () => {
    const m = msg({ score: 5, name: 'vip-ann' }, { userId: 'vip-42' });
    expect(passes({ 'metadata.userId': { prefix: 'vip-' } }, m)).toBe(true);
    expect(passes({ 'metadata.userId': { prefix: 'std-' } }, m)).toBe(false);
    expect(passes({ 'payload.score': { gt: 5 } }, m)).toBe(false);
    expect(passes({ 'payload.score': { gt: 4 } }, m)).toBe(true);
    expect(passes({ 'payload.score': { gte: 5 } }, m)).toBe(true);
    expect(passes({ 'payload.score': { lt: 5 } }, m)).toBe(false);
    expect(passes({ 'payload.score': { lte: 5 } }, m)).toBe(true);
    expect(passes({ 'payload.score': { gt: 1, lt: 9 } }, m)).toBe(true);
    expect(passes({ 'payload.score': { gt: 1, lt: 5 } }, m)).toBe(false);
    expect(passes({ 'payload.score': { exists: true } }, m)).toBe(true);
    expect(passes({ 'payload.rank': { exists: false } }, m)).toBe(true);
    expect(passes({ 'payload.rank': { exists: true } }, m)).toBe(false);
    // Comparisons take numbers only, prefix strings only.
    expect(passes({ 'payload.name': { gt: 1 } }, m)).toBe(false);
    expect(passes({ 'payload.score': { prefix: '5' } }, m)).toBe(false);
  });

  it('a missing field fails every test but exists: false (also when a step on the way is missing or not an object)', () => {
    const m = msg({ a: { b: 1 }, s: 'x' });
    for (const key of ['payload.zz', 'payload.a.zz', 'payload.zz.b', 'payload.s.length', 'metadata.userId']) {
      expect(passes({ [key]: 1 }, m), key).toBe(false);
      expect(passes({ [key]: [1, 'x'] }, m), key).toBe(false);
      expect(passes({ [key]: { gt: 0 } }, m), key).toBe(false);
      expect(passes({ [key]: { prefix: 'x' } }, m), key).toBe(false);
      expect(passes({ [key]: { exists: true } }, m), key).toBe(false);
      expect(passes({ [key]: { exists: false } }, m), key).toBe(true);
    }
  });

  it('nested paths, and arrays: a field that is an array matches when one element does', () => {
    const m = msg({ order: { customer: { tier: 'gold' }, tags: ['a', 'urgent'], scores: [1, 9] }, items: [{ sku: 'x' }] });
    expect(passes({ 'payload.order.customer.tier': 'gold' }, m)).toBe(true);
    expect(passes({ 'payload.order.tags': 'urgent' }, m)).toBe(true);
    expect(passes({ 'payload.order.tags': ['b', 'urgent'] }, m)).toBe(true);
    expect(passes({ 'payload.order.tags': 'b' }, m)).toBe(false);
    expect(passes({ 'payload.order.scores': { gt: 5 } }, m)).toBe(true);
    expect(passes({ 'payload.order.scores': { gt: 10 } }, m)).toBe(false);
    expect(passes({ 'payload.order.tags': { prefix: 'urg' } }, m)).toBe(true);
    expect(passes({ 'payload.items.0.sku': 'x' }, m)).toBe(true);
    expect(passes({ 'metadata.headers.traceparent': { exists: false } }, m)).toBe(true);
  });

  it('prototype keys are never matched: only own fields are read', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": "c", "prototype": "p", "x": {}}') as unknown;
    const m = msg(parsed);
    for (const key of ['payload.__proto__', 'payload.__proto__.polluted', 'payload.constructor', 'payload.prototype', 'payload.x.toString', 'payload.x.constructor', 'payload.x.hasOwnProperty', 'metadata.headers.constructor']) {
      expect(passes({ [key]: { exists: true } }, m), key).toBe(false);
      expect(passes({ [key]: 'c' }, m), key).toBe(false);
    }
    expect(passes({ 'payload.x': { exists: true } }, m)).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    [{ 'payload.score': { between: [1, 2] } }, 'unknown operator "between"'],
    [{ 'payload.score': { gt: '5' } }, 'where["payload.score"].gt'],
    [{ 'payload.score': { gt: Number.NaN } }, 'finite number'],
    [{ 'payload.name': { prefix: '' } }, 'non-empty string'],
    [{ 'payload.x': { exists: 'yes' } }, 'true or false'],
    [{ 'payload.x': { exists: false, gt: 1 } }, 'exists: false'],
    [{ 'payload.x': {} }, 'has no operator'],
    [{ 'payload.x': [] }, '1–100 exact values'],
    [{ 'payload.x': [{ a: 1 }] }, '1–100 exact values'],
    [{ 'payload.x': undefined }, 'where["payload.x"]'],
    [{ body: 1 }, 'is not a field path'],
    [{ metadata: 1 }, 'is not a field path'],
    [{ 'type.x': 1 }, 'is not a field path'],
    [{ 'payload..x': 1 }, 'is not a field path'],
    [{}, '1–32'],
    [() => true, 'use an object'],
    [null, 'use an object'],
  ])('refuses %j at bind, naming it', (where, what) => {
    expect(() => compileWhere(where)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_ARGUMENT', message: expect.stringContaining(what) }));
  });
});
