import type { DeadLetter, MessageQueue } from '@mq/core';
import { expect } from 'vitest';
import { computeLedgerReport, formatLedgerReport } from '../ledger/compute-ledger-report.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import type { attemptGapViolations } from './attempt-gaps.js';
import type { RetryOutcomeReport } from './retry-outcomes.js';

export interface RetryReplayRun {
  /** e.g. "case 6 memory": the report line's name. */
  readonly label: string;
  readonly entries: readonly LedgerEntry[];
  /** Ledger length when the dead letters were replayed. */
  readonly replayedAt: number;
  readonly planned: readonly { readonly failTimes: number }[];
  readonly maxRetries: number;
  readonly outcomes: RetryOutcomeReport;
  readonly gaps: ReturnType<typeof attemptGapViolations>;
  /** The dead letters before the replay. */
  readonly dead: readonly DeadLetter[];
  readonly replayed: string[];
  readonly admin: MessageQueue;
  readonly queueName: string;
}

/**
 * Case 6's verdict, the same on every provider: each message completed or was dead-lettered as
 * planned, no retry came sooner than its backoff, replay brought back exactly the dead letters
 * with attempts reset, and nothing was lost. Prints the ledger report first.
 */
export async function expectRetryReplayOutcome(run: RetryReplayRun): Promise<void> {
  const { outcomes, gaps, replayed } = run;
  const afterReplay = run.entries.slice(run.replayedAt).filter((e) => e.kind === 'start');
  const report = computeLedgerReport(run.entries, []);
  console.log(formatLedgerReport(run.label, report, { ...outcomes, wrong: outcomes.wrong.length, gaps: gaps.gaps, minGapSlackMs: gaps.minSlackMs, replayed: replayed.length }));

  expect(outcomes.wrong).toEqual([]);
  expect(outcomes.deadRight).toBe(run.planned.filter((m) => m.failTimes > run.maxRetries).length);
  expect(gaps.violations).toEqual([]);
  expect(replayed.sort()).toEqual(run.dead.map((d) => d.id).sort());
  expect(afterReplay.map((e) => e.id).sort()).toEqual(replayed.sort());
  expect(afterReplay.every((e) => e.attempt === 1)).toBe(true);
  expect(report.lost).toEqual([]);
  expect(await run.admin.deadLetters(run.queueName)).toEqual([]);
}
