import { createRetryPolicy, type QueueMessage } from '@mq/core';
import { describe, expect, it } from 'vitest';

const message = {} as QueueMessage;
const error = new Error('x');

describe('createRetryPolicy()', () => {
  it('follows the spec: 1 s, 2 s, 4 s, … capped at 30 s', () => {
    const policy = createRetryPolicy();
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => policy(n, error, message))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('takes base, factor and cap', () => {
    const policy = createRetryPolicy({ baseDelayMs: 100, factor: 3, maxDelayMs: 1000 });
    expect([1, 2, 3, 4].map((n) => policy(n, error, message))).toEqual([100, 300, 900, 1000]);
  });

  it('applies jitter as a random reduction of up to that fraction', () => {
    const low = createRetryPolicy({ jitter: 0.5, random: () => 0.999999 });
    const high = createRetryPolicy({ jitter: 0.5, random: () => 0 });
    expect(low(1, error, message)).toBe(500);
    expect(high(1, error, message)).toBe(1000);
  });

  it('uses a custom strategy, still capped, never negative', () => {
    const policy = createRetryPolicy({ strategy: (n) => (n === 1 ? -5 : n * 60_000) });
    expect(policy(1, error, message)).toBe(0);
    expect(policy(2, error, message)).toBe(30_000);
  });

  it('refuses out-of-range options, naming them', () => {
    expect(() => createRetryPolicy({ baseDelayMs: -1 })).toThrow(/retry\.baseDelayMs/);
    expect(() => createRetryPolicy({ maxDelayMs: Number.NaN })).toThrow(/retry\.maxDelayMs/);
  });
});
