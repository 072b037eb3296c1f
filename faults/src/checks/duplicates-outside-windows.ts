import type { LedgerEntry } from '../ledger/ledger-entry.js';

export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * Duplicate ids whose first processed delivery's lease did not expire inside one of `windows`
 * (e.g. the blackholes): each is a duplicate the faults do not explain.
 */
export function duplicatesOutsideWindows(entries: readonly LedgerEntry[], dups: readonly string[], windows: readonly TimeWindow[]): { id: string; leaseExpiresAt: number | undefined }[] {
  const wanted = new Set(dups);
  const firstDone = new Map<string, LedgerEntry>();
  const starts = new Map<string, LedgerEntry>();
  for (const e of entries) {
    if (!wanted.has(e.id)) continue;
    if (e.kind === 'done' && (firstDone.get(e.id)?.at ?? Infinity) > e.at) firstDone.set(e.id, e);
    if (e.kind === 'start') starts.set(`${e.id}#${e.attempt}#${e.pid}`, e);
  }
  const unexplained: { id: string; leaseExpiresAt: number | undefined }[] = [];
  for (const [id, done] of firstDone) {
    const expiresAt = starts.get(`${id}#${done.attempt}#${done.pid}`)?.leaseExpiresAt;
    if (expiresAt === undefined || !windows.some((w) => expiresAt >= w.from && expiresAt <= w.to)) unexplained.push({ id, leaseExpiresAt: expiresAt });
  }
  return unexplained;
}
