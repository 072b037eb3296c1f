import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keySlot } from '../src/key-slot.js';
import { queueKeys } from '../src/queue-keys.js';
import { routingKeys } from '../src/routing-keys.js';
import { enqueueRoutedCall, listBindingsCall, removeBindingCall, saveBindingCall } from '../src/routing-scripts.js';
import { scriptQueue } from '../src/script-keys.js';

const a = scriptQueue(queueKeys('p', 'a'));
const b = scriptQueue(queueKeys('p', 'b'));
const keys = routingKeys('p');
const record = (id: string) => ({ id, priority: 5, delayMs: 0, data: 'x' });

describe('routing script calls against their headers', () => {
  it('enqueue-routed: each target its 16 keys in enqueue.lua order, then the version key when the version is checked', () => {
    const header = readFileSync(new URL('../src/lua/enqueue-routed.lua', import.meta.url), 'utf8');
    expect(header).toContain('KEYS[16i-15..16i]  target i (i = 1..n): records hash, dead-letters hash, delayed zset, leases');
    const checked = enqueueRoutedCall([{ queue: a, record: record('1') }, { queue: b, record: record('2') }], 7, 3, keys);
    const target = (q: typeof a) => [q.keys.records, q.keys.dead, q.keys.delayed, q.keys.leases, q.keys.counters, ...q.keys.ready, q.keys.window];
    expect(checked.keys).toEqual([...target(a), ...target(b), keys.version]);
    // The same data (a plain publish: one string for every copy) is sent once; each target names it by index.
    expect(checked.argv).toEqual([7, 3, 2, a.keys.wakeChannel, '1', 5, 0, 1, 0, b.keys.wakeChannel, '2', 5, 0, 1, 0, 'x']);
    // Different data (payload stages encode each copy on its own) is sent per copy.
    const staged = enqueueRoutedCall([{ queue: a, record: record('1') }, { queue: b, record: { ...record('2'), data: 'y' } }, { queue: a, record: { ...record('3'), data: 'y' } }], 7, 3, keys);
    expect(staged.argv).toEqual([7, 3, 3, a.keys.wakeChannel, '1', 5, 0, 1, 0, b.keys.wakeChannel, '2', 5, 0, 2, 0, a.keys.wakeChannel, '3', 5, 0, 2, 0, 'x', 'y']);
    expect(header).toContain('ARGV[4+6n..]       the distinct data values');
    // On a cluster each slot's call leaves the version (another slot) out.
    expect(enqueueRoutedCall([{ queue: a, record: record('1') }], 7, -1, keys).keys).toEqual(target(a));
  });

  it('the binding scripts take the bindings hash and the version, both in one slot apart from any queue', () => {
    for (const call of [saveBindingCall(keys, 'i', 'd'), removeBindingCall(keys, 'i'), listBindingsCall(keys)]) expect(call.keys).toEqual([keys.bindings, keys.version]);
    expect(keySlot(keys.bindings)).toBe(keySlot(keys.version));
    expect(keys.bindings).toBe('p:{@routing}:b');
  });

  it('keySlot agrees with the cluster specification', () => {
    expect(keySlot('123456789')).toBe(0x31c3);
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    expect(keySlot('foo{}{bar}')).toBe(keySlot('foo{}{bar}'.slice(0)));
  });
});
