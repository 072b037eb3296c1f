import { ManualClock } from '@mq/core';
import { describe, expect, it } from 'vitest';

describe('ManualClock', () => {
  it('fires timers in time order as time advances, and only those due', async () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@300'), 300);
    clock.setTimeout(() => fired.push('a@100'), 100);
    const cancelled = clock.setTimeout(() => fired.push('never'), 200);
    clock.clearTimeout(cancelled);
    await clock.advance(250);
    expect(fired).toEqual(['a@100']);
    expect(clock.now()).toBe(1250);
    await clock.advance(50);
    expect(fired).toEqual(['a@100', 'b@300']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('fires a timer set by a timer within the same advance', async () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 10);
    }, 10);
    await clock.advance(30);
    expect(fired).toEqual([10, 20]);
  });

  it('refuses to go backwards', async () => {
    await expect(new ManualClock().advance(-1)).rejects.toThrow(RangeError);
  });
});
