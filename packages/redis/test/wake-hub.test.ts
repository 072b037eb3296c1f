import { ManualClock } from '@mq/core';
import { describe, expect, it } from 'vitest';
import { WakeHub, type DrainedHint, type WorkCheck } from '../src/wake-hub.js';

const CHANNEL = 'wake';

/** A hub on a manual clock whose checks are counted and answer "nothing waits". */
function hub(clock: ManualClock): { hub: WakeHub; checks: () => number } {
  let checks = 0;
  const wakeHub = new WakeHub({
    clock,
    recheckMs: 60_000,
    subscribe: () => Promise.resolve(),
    check: () => {
      checks++;
      return Promise.resolve<WorkCheck>({ ready: false, nextDue: undefined, now: clock.now() });
    },
  });
  return { hub: wakeHub, checks: () => checks };
}

/** What a take that found the queue empty leaves behind, taken when the hub had `generation`. */
function hintAt(wakeHub: WakeHub, clock: ManualClock): DrainedHint {
  const generation = wakeHub.generation(CHANNEL);
  if (generation === undefined) throw new Error('not subscribed yet');
  return { generation, check: { ready: false, nextDue: undefined, now: clock.now() }, receivedAt: clock.now() };
}

async function subscribed(wakeHub: WakeHub): Promise<void> {
  const stop = new AbortController();
  const waiting = wakeHub.wait('q', CHANNEL, stop.signal);
  stop.abort();
  await waiting;
  await Promise.resolve();
}

function settledFlag(promise: Promise<void>): () => boolean {
  let settled = false;
  void promise.then(() => (settled = true));
  return () => settled;
}

describe('WakeHub hints', () => {
  it('a waiter starts from its take hint without a check, and arms the one due time announced since', async () => {
    const clock = new ManualClock(1_000);
    const { hub: wakeHub, checks } = hub(clock);
    await subscribed(wakeHub);
    const hint = hintAt(wakeHub, clock);
    // The take's own lease, announced after the take was sent.
    wakeHub.notify(CHANNEL, '31001');
    const before = checks();
    const woke = settledFlag(wakeHub.wait('q', CHANNEL, new AbortController().signal, hint));
    await Promise.resolve();
    expect(checks()).toBe(before);
    await clock.set(31_000);
    expect(woke()).toBe(false);
    await clock.set(31_001);
    await Promise.resolve();
    expect(woke()).toBe(true);
  });

  it('a "records ready" notification since the take wakes the waiter at once, without a check', async () => {
    const clock = new ManualClock(1_000);
    const { hub: wakeHub, checks } = hub(clock);
    await subscribed(wakeHub);
    const hint = hintAt(wakeHub, clock);
    wakeHub.notify(CHANNEL, '0');
    const before = checks();
    await wakeHub.wait('q', CHANNEL, new AbortController().signal, hint);
    expect(checks()).toBe(before);
  });

  it('more than one due time announced since the take also makes the waiter check', async () => {
    const clock = new ManualClock(1_000);
    const { hub: wakeHub, checks } = hub(clock);
    await subscribed(wakeHub);
    const hint = hintAt(wakeHub, clock);
    wakeHub.notify(CHANNEL, '5000');
    wakeHub.notify(CHANNEL, '4000');
    const before = checks();
    const stop = new AbortController();
    const waiting = wakeHub.wait('q', CHANNEL, stop.signal, hint);
    await Promise.resolve();
    await Promise.resolve();
    expect(checks()).toBe(before + 1);
    stop.abort();
    await waiting;
  });
});
