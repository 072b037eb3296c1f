import type { DeadLetter } from '@mq/core';
import type { LedgerEntry } from '../ledger/ledger-entry.js';

export interface RetryOutcomeReport {
  readonly completedRight: number;
  readonly deadRight: number;
  /** Messages whose outcome or attempt count is not what k and maxRetries say, with why. */
  readonly wrong: { id: string; why: string }[];
}

/**
 * With maxRetries r, a message failing its first k attempts completes on attempt k+1 when k <= r,
 * else is dead-lettered after attempt r+1 with that attempt's error.
 */
export function checkRetryOutcomes(
  planned: readonly { id: string; failTimes: number }[],
  entries: readonly LedgerEntry[],
  dead: readonly DeadLetter[],
  maxRetries: number,
): RetryOutcomeReport {
  const done = new Map<string, number[]>();
  for (const e of entries) if (e.kind === 'done') done.set(e.id, [...(done.get(e.id) ?? []), e.attempt]);
  const deadById = new Map(dead.map((d) => [d.id, d]));
  const wrong: { id: string; why: string }[] = [];
  let completedRight = 0;
  let deadRight = 0;
  for (const { id, failTimes } of planned) {
    const attempts = done.get(id) ?? [];
    const letter = deadById.get(id);
    if (failTimes <= maxRetries) {
      if (letter !== undefined || attempts.length !== 1 || attempts[0] !== failTimes + 1) wrong.push({ id, why: `k=${failTimes}: done on ${attempts.join(',') || 'none'}, dead ${letter !== undefined}` });
      else completedRight++;
    } else {
      const last = maxRetries + 1;
      const expected = `planned failure on attempt ${last} of ${id}`;
      if (letter === undefined || attempts.length > 0 || letter.attempts !== last || letter.error.message !== expected) {
        wrong.push({ id, why: `k=${failTimes}: dead ${letter !== undefined} attempts ${letter?.attempts} error "${letter?.error.message}", done ${attempts.join(',')}` });
      } else deadRight++;
    }
  }
  return { completedRight, deadRight, wrong };
}
