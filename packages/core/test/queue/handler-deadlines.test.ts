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
});
