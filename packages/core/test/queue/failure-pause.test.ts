import { describe, expect, it } from 'vitest';
import { FAILURE_PAUSE_FIRST_MS, FAILURE_PAUSE_MAX_MS, nextFailurePauseMs } from '../../src/queue/failure-pause.js';

describe('nextFailurePauseMs', () => {
  it('starts at 100 ms after a success (0), doubles, and stops at 5 s', () => {
    const pauses: number[] = [];
    let pauseMs = 0;
    for (let i = 0; i < 8; i++) pauses.push((pauseMs = nextFailurePauseMs(pauseMs)));
    expect(pauses).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    expect([FAILURE_PAUSE_FIRST_MS, FAILURE_PAUSE_MAX_MS]).toEqual([100, 5000]);
  });
});
