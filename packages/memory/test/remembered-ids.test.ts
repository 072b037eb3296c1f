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

  it('keeps every id across ring growth and finds each with one check; ids past the window leave from the front', () => {
    const ids = new RememberedIds(8000);
    for (let i = 0; i < 5000; i++) ids.remember(`id${i}`, i);
    for (let i = 0; i < 5000; i++) expect(ids.has(`id${i}`, 5000)).toBe(true);
    expect(ids.has('id5000', 5000)).toBe(false);
    expect(ids.size(5000)).toBe(5000);
    // 9000 + 8000: every bucket of t < 9000 is past the window.
    ids.remember('late', 17_000);
    expect(ids.size(17_000)).toBe(1);
    expect(ids.has('id4999', 17_000)).toBe(false);
    expect(ids.has('late', 17_000)).toBe(true);
  });

  it('an id remembered again counts once and moves to its newest bucket (image and restore keep that)', () => {
    const ids = new RememberedIds(8000);
    ids.remember('a', 0);
    ids.remember('b', 0);
    ids.remember('a', 3000);
    ids.remember('a', 3500);
    expect(ids.size(3500)).toBe(2);
    expect(ids.image()).toEqual([
      [0, ['b']],
      [3, ['a']],
    ]);
    const restored = new RememberedIds(8000);
    for (const [epoch, bucket] of ids.image()) restored.restoreBucket(epoch, bucket);
    expect(restored.image()).toEqual(ids.image());
    expect(restored.has('a', 11_999)).toBe(true);
    expect(restored.has('b', 11_999)).toBe(false);
    expect(restored.size(11_999)).toBe(1);
  });

  it('grows while its front has moved on (entries wrap around the ring) and still finds, moves and drops each id', () => {
    const window = 8000;
    const ids = new RememberedIds(window);
    // A steady 1 id / ms for 12 s: the front keeps leaving while the end grows the ring past 16 entries many times.
    for (let t = 0; t < 12_000; t++) ids.remember(`s${t}`, t);
    const live = ids.size(12_000);
    expect(live).toBeGreaterThanOrEqual(window);
    for (let t = 12_000 - live; t < 12_000; t++) expect(ids.has(`s${t}`, 12_000)).toBe(true);
    expect(ids.has(`s${12_000 - live - 1}`, 12_000)).toBe(false);
    // A burst doubles the ring again with the front mid-ring; an old id remembered again moves to the end.
    for (let i = 0; i < 20_000; i++) ids.remember(`b${i}`, 12_000);
    ids.remember('s11999', 13_500);
    // At 13.5 s the ids of t >= 5000 (buckets 5 to 11) are live, s11999 among them once, and the burst.
    expect(ids.size(13_500)).toBe(7000 + 20_000);
    for (let i = 0; i < 20_000; i += 7) expect(ids.has(`b${i}`, 13_500)).toBe(true);
    const image = ids.image();
    expect(image.at(-1)).toEqual([Math.floor(13_500 / (window / BUCKETS)), ['s11999']]);
    expect(image.at(-2)?.[1]).toHaveLength(20_000);
    expect(image.flatMap(([, bucket]) => bucket).filter((id) => id === 's11999')).toHaveLength(1);
    // Past the burst's window only the moved id is left.
    ids.remember('z', 12_000 + window + 1000);
    expect(ids.has('b0', 12_000 + window + 1000)).toBe(false);
    expect(ids.has('s11999', 12_000 + window + 1000)).toBe(true);
    expect(ids.size(12_000 + window + 1000)).toBe(2);
  });

  it('indexes lazily: ids remembered with no check between count once, and ids that leave unchecked never need the index', () => {
    const ids = new RememberedIds(8000);
    // Remembered twice with no check between: both entries wait for the index.
    ids.remember('a', 0);
    ids.remember('b', 0);
    ids.remember('a', 3000);
    expect(ids.size(3000)).toBe(2);
    expect(ids.image()).toEqual([
      [0, ['b']],
      [3, ['a']],
    ]);
    // Indexed 'a' at 3 s leaves with its bucket while a newer 'a' waits unindexed.
    ids.remember('a', 12_000);
    expect(ids.has('a', 12_000)).toBe(true);
    expect(ids.has('b', 12_000)).toBe(false);
    ids.remember('c', 20_500);
    expect(ids.has('a', 20_500)).toBe(true);
    expect(ids.size(20_500)).toBe(2);
    ids.remember('d', 21_000);
    expect(ids.has('a', 21_000)).toBe(false);
    // A burst never checked leaves from the front without the index, and the ring starts small again.
    const burst = new RememberedIds(8000);
    for (let i = 0; i < 10_000; i++) burst.remember(`x${i}`, 100);
    burst.remember('late', 100_000);
    expect(burst.size(100_000)).toBe(1);
    expect(burst.has('x0', 100_000)).toBe(false);
    expect(burst.has('late', 100_000)).toBe(true);
  });
});
