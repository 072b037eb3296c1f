import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandDeadlines, type DeadlinedCall } from '../src/command-deadlines.js';
import { CallTimeoutError } from '../src/with-timeout.js';

/** A call in flight: `expired` holds the error its deadline gave it, if any. */
function call(): DeadlinedCall & { done(): void; expired: CallTimeoutError | undefined } {
  let settled = false;
  const c = {
    deadlineAt: 0,
    expired: undefined as CallTimeoutError | undefined,
    get settled() {
      return settled;
    },
    done() {
      settled = true;
    },
    expire(error: CallTimeoutError) {
      settled = true;
      c.expired = error;
    },
  };
  return c;
}

describe('CommandDeadlines', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rejects a call still in flight at its bound with a CallTimeoutError, and not before', () => {
    const deadlines = new CommandDeadlines(1000);
    const slow = call();
    deadlines.add(slow);
    vi.advanceTimersByTime(999);
    expect(slow.expired).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(slow.expired).toBeInstanceOf(CallTimeoutError);
    expect(slow.expired?.message).toBe('Command timed out after 1000 ms');
  });

  it('leaves a call that settled alone, and expires each later call at its own bound', () => {
    const deadlines = new CommandDeadlines(1000);
    const first = call();
    deadlines.add(first);
    vi.advanceTimersByTime(400);
    const second = call();
    deadlines.add(second);
    first.done();
    vi.advanceTimersByTime(600);
    expect(first.expired).toBeUndefined();
    expect(second.expired).toBeUndefined();
    vi.advanceTimersByTime(400);
    expect(second.expired).toBeInstanceOf(CallTimeoutError);
  });

  it('keeps one timer for many calls and drops settled calls from the front as calls are added', () => {
    const deadlines = new CommandDeadlines(1000);
    for (let i = 0; i < 5000; i++) {
      const c = call();
      deadlines.add(c);
      c.done();
    }
    expect(vi.getTimerCount()).toBe(1);
    expect(deadlines.size).toBeLessThanOrEqual(1);
    const late = call();
    deadlines.add(late);
    vi.advanceTimersByTime(1000);
    expect(late.expired).toBeInstanceOf(CallTimeoutError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('expires the call at the front while later ones settled out of order, then re-arms for nothing', () => {
    const deadlines = new CommandDeadlines(1000);
    const stuck = call();
    deadlines.add(stuck);
    const answered = [call(), call(), call()];
    for (const c of answered) deadlines.add(c);
    for (const c of answered) c.done();
    expect(deadlines.size).toBe(4);
    vi.advanceTimersByTime(1000);
    expect(stuck.expired).toBeInstanceOf(CallTimeoutError);
    expect(answered.every((c) => c.expired === undefined)).toBe(true);
    expect(deadlines.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
