import type { LedgerEntry } from '../ledger/ledger-entry.js';

/** Duplicate ids whose first processing (`done`) was not by one of `pids`: each is unexplained. */
export function duplicatesNotFrom(entries: readonly LedgerEntry[], dups: readonly string[], pids: ReadonlySet<number>): string[] {
  const wanted = new Set(dups);
  const first = new Map<string, LedgerEntry>();
  for (const entry of entries) {
    if (entry.kind !== 'done' || !wanted.has(entry.id)) continue;
    const seen = first.get(entry.id);
    if (seen === undefined || entry.at < seen.at) first.set(entry.id, entry);
  }
  return [...first.values()].filter((e) => !pids.has(e.pid)).map((e) => e.id);
}
