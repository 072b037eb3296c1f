import { contractOn } from './support/contract-on.js';

/**
 * The second check: local-aws-sqs 2.0 (JSON protocol), an independent implementation. It times
 * delays, visibility and PurgeQueue with timers of real time (setTimeout), which the clock bridge
 * cannot move: the groups whose cases move the ManualClock past a delay or a backoff cannot run
 * on it. They run on fauxqs (contract-fauxqs.test.ts); on local-aws-sqs the same behaviours are
 * checked in real time (sqs-behaviour.test.ts).
 */
const REAL_TIMERS = 'local-aws-sqs times delays and visibility with real-time timers that the test clock cannot move (run on fauxqs; real-time checks in sqs-behaviour.test.ts)';
// Skipped whole (a skip is per group), though only its first case needs a retry backoff to pass: the others are checked in sqs-dead-letters.test.ts.
const DEAD_LETTERS =
  'local-aws-sqs times retry backoffs (re-sends with DelaySeconds) with real-time timers that the test clock cannot move, and the first case waits out three (run on fauxqs; listing by page, replay and purge by id checked in real time in sqs-dead-letters.test.ts)';

contractOn('local-aws-sqs', { delay: REAL_TIMERS, ackNack: REAL_TIMERS, stats: REAL_TIMERS, deadLetters: DEAD_LETTERS });
