import type { LedgerFollower } from '../ledger/ledger-follower.js';
import { waitUntil } from '../process/wait-until.js';

/**
 * Waits (up to timeoutMs) until every consumer pid has started a message at or after `since`;
 * resolves with each pid's delay. A pid that never resumes makes it reject.
 */
export async function waitForResume(follower: LedgerFollower, pids: readonly number[], since: number, timeoutMs: number): Promise<Map<number, number>> {
  const resumed = new Map<number, number>();
  const scan = (entries: readonly { kind: string; pid: number; at: number }[]): void => {
    for (const e of entries) if (e.kind === 'start' && e.at >= since && pids.includes(e.pid) && !resumed.has(e.pid)) resumed.set(e.pid, e.at - since);
  };
  scan(follower.entries.filter((e) => e.at >= since));
  await waitUntil(
    () => {
      scan(follower.poll());
      return resumed.size === pids.length;
    },
    { timeoutMs, intervalMs: 20, what: `consumers ${pids.filter((p) => !resumed.has(p)).join(', ')} to process again` },
  );
  return resumed;
}
