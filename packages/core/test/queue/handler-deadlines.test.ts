import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/clock/manual-clock.js';
import { HandlerDeadlines } from '../../src/queue/handler-deadlines.js';

describe('HandlerDeadlines', () => {
  test('fires each deadline at its own time on one timer, and skips finished items', async () => {
    const clock = new ManualClock(0);
    const expired: string[] = [];
    const deadlines = new HandlerDeadlines<{ id: string; deadline: number }>(clock, (item) => expired.push(`${item.id}@${clock.now()}`));
    const a = { id: 'a', deadline: 100 };
    const b = { id: 'b', deadline: 130 };
    const c = { id: 'c', deadline: 160 };
    deadlines.add(a);
    await clock.advance(30);
    deadlines.add(b);
    await clock.advance(30);
    deadlines.add(c);
    expect(clock.pendingTimers).toBe(1);
    expect(deadlines.delete(a)).toBe(true);
    await clock.advance(200);
    expect(expired).toEqual(['b@130', 'c@160']);
    expect(deadlines.delete(b)).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  test('dispose() leaves no timer behind', () => {
    const clock = new ManualClock(0);
    const deadlines = new HandlerDeadlines<{ deadline: number }>(clock, () => undefined);
    deadlines.add({ deadline: 50 });
    deadlines.dispose();
    expect(clock.pendingTimers).toBe(0);
  });

  test('keeps start order through deletes anywhere; a deleted or expired item points at nothing and deletes once', async () => {
    const clock = new ManualClock(0);
    const expired: string[] = [];
    type Item = { id: string; deadline: number; deadlineEarlier?: Item; deadlineLater?: Item };
    const deadlines = new HandlerDeadlines<Item>(clock, (item) => expired.push(item.id));
    const items: Item[] = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, deadline: 100 + i }));
    for (const item of items) deadlines.add(item);
    const [a, b, c, d, e] = items as [Item, Item, Item, Item, Item];
    expect(deadlines.delete(c)).toBe(true);
    expect(deadlines.delete(a)).toBe(true);
    expect(deadlines.delete(e)).toBe(true);
    expect(deadlines.delete(c)).toBe(false);
    // Nothing that left keeps a link (a dead item must not keep a live one reachable for the GC).
    for (const gone of [a, c, e]) expect([gone.deadlineEarlier, gone.deadlineLater]).toEqual([undefined, undefined]);
    const order: string[] = [];
    deadlines.forEach((item) => order.push(item.id));
    expect(order).toEqual(['b', 'd']);
    await clock.advance(200);
    expect(expired).toEqual(['b', 'd']);
    expect([b.deadlineLater, d.deadlineEarlier]).toEqual([undefined, undefined]);
    expect(deadlines.delete(b)).toBe(false);
    // Empty again: a new item starts the list and the timer.
    const f: Item = { id: 'f', deadline: 400 };
    deadlines.add(f);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(200);
    expect(expired).toEqual(['b', 'd', 'f']);
  });
});
