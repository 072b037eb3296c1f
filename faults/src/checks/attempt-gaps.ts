import type { LedgerEntry } from '../ledger/ledger-entry.js';

export interface GapViolation {
  readonly id: string;
  readonly attempt: number;
  readonly gapMs: number;
  readonly backoffMs: number;
}

/**
 * Every time a message failed attempt n and started attempt n+1: the gap between the `fail` line
 * and the next `start` must be at least the backoff after failure n.
 */
export function attemptGapViolations(entries: readonly LedgerEntry[], backoffMs: (failedAttempt: number) => number): { violations: GapViolation[]; gaps: number; minSlackMs: number } {
  const failAt = new Map<string, number>();
  for (const e of entries) if (e.kind === 'fail') failAt.set(`${e.id}#${e.attempt}`, e.at);
  const violations: GapViolation[] = [];
  let gaps = 0;
  let minSlackMs = Infinity;
  for (const e of entries) {
    if (e.kind !== 'start' || e.attempt < 2) continue;
    const failed = failAt.get(`${e.id}#${e.attempt - 1}`);
    if (failed === undefined) continue;
    gaps++;
    const gapMs = e.at - failed;
    const wanted = backoffMs(e.attempt - 1);
    minSlackMs = Math.min(minSlackMs, gapMs - wanted);
    if (gapMs < wanted) violations.push({ id: e.id, attempt: e.attempt, gapMs, backoffMs: wanted });
  }
  return { violations, gaps, minSlackMs };
}
