import { ManualClock } from '@mq/core';
import { describe, expect, it } from 'vitest';
import { ActivityHistory } from '../src/index.js';

const MINUTE = 60_000;

describe('ActivityHistory', () => {
  it('counts per queue and minute, with the latency sum and maximum of completions', async () => {
    const clock = new ManualClock(10 * MINUTE);
    const history = new ActivityHistory(clock);
    history.enqueued('a');
    history.completed('a', 30);
    await clock.advance(MINUTE);
    history.completed('a', 10);
    history.deadLettered('b');
    const [a, b] = history.snapshot();
    expect(a?.queueName).toBe('a');
    expect(a?.minutes).toHaveLength(60);
    expect(a?.minutes.at(-2)).toEqual({ at: 10 * MINUTE, enqueued: 1, completed: 1, deadLettered: 0, durationMsTotal: 30, durationMsMax: 30 });
    expect(a?.minutes.at(-1)).toMatchObject({ at: 11 * MINUTE, completed: 1, durationMsTotal: 10 });
    expect(a?.minutes[0]).toMatchObject({ at: -48 * MINUTE, completed: 0 });
    expect(b?.minutes.at(-1)).toMatchObject({ deadLettered: 1 });
  });

  it('forgets what is older than an hour, and a queue with nothing left', async () => {
    const clock = new ManualClock(0);
    const history = new ActivityHistory(clock);
    history.enqueued('old');
    await clock.advance(59 * MINUTE);
    expect(history.snapshot().map((h) => h.queueName)).toEqual(['old']);
    await clock.advance(MINUTE);
    expect(history.snapshot()).toEqual([]);
  });
});
