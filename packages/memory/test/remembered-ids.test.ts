import { describe, expect, it } from 'vitest';
import { BUCKETS, RememberedIds } from '../src/remembered-ids.js';

describe('RememberedIds', () => {
  it('remembers an id for at least the window and at most window + window / BUCKETS, dropping buckets whole', () => {
    const window = 8000;
    const ids = new RememberedIds(window);
    ids.remember('a', 999);
    expect(ids.has('a', 999 + window)).toBe(true);
    expect(ids.has('a', 1000 + window + window / BUCKETS)).toBe(false);
    expect(ids.size(1000 + window + window / BUCKETS)).toBe(0);
  });

  it('keeps at most BUCKETS + 1 buckets alive whatever the rate', () => {
    const ids = new RememberedIds(8000);
    for (let t = 0; t < 100_000; t += 10) ids.remember(`id${t}`, t);
    // 8000 ms + one 1000 ms bucket at 1 id / 10 ms.
    expect(ids.size(100_000)).toBeLessThanOrEqual(900);
    expect(ids.size(100_000)).toBeGreaterThanOrEqual(800);
  });

  it('judges a check by the time, not by when buckets were last dropped; an id remembered again lives with its newest bucket', () => {
    const ids = new RememberedIds(8000);
    ids.remember('a', 0);
    ids.remember('b', 0);
    // No remember since: the bucket of t = 0 is still in the ring, yet past the window.
    expect(ids.has('a', 9000)).toBe(false);
    ids.remember('a', 5000);
    expect(ids.has('a', 13_999)).toBe(true);
    expect(ids.has('b', 13_999)).toBe(false);
    expect(ids.size(13_999)).toBe(1);
    ids.clear();
    expect(ids.has('a', 6000)).toBe(false);
  });
});
