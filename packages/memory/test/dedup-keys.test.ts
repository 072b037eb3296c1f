import { describe, expect, it } from 'vitest';
import { DedupKeys } from '../src/dedup-keys.js';

describe('DedupKeys', () => {
  it('removes expired holds in bulk at the next sweep, so key state does not grow without bound', () => {
    const keys = new DedupKeys();
    for (let n = 0; n < 1000; n++) keys.hold({ key: `k${n}`, mode: 'ttl', ttlMs: 100 + (n % 10) }, `id${n}`, 0);
    keys.hold({ key: 'settle-bound', mode: 'until-settled' }, 'a', 0);
    expect(keys.size).toBe(1001);
    keys.sweep(104);
    expect(keys.size).toBe(1 + 500);
    keys.sweep(110);
    expect(keys.size).toBe(1);
    keys.settled('a', false);
    expect(keys.size).toBe(0);
    expect(keys.specOf('a')).toBeUndefined();
  });

  it('ends a bounded until-settled hold at its ttlMs; the late settle of its record leaves a newer hold alone', () => {
    const keys = new DedupKeys();
    keys.hold({ key: 'k', mode: 'until-settled', ttlMs: 10 }, 'a', 0);
    expect(keys.held('k', 9)?.ids).toEqual(['a']);
    expect(keys.held('k', 10)).toBeUndefined();
    keys.sweep(10);
    keys.hold({ key: 'k', mode: 'until-settled' }, 'b', 10);
    keys.settled('a', false);
    expect(keys.held('k', 11)?.ids).toEqual(['b']);
  });
});
