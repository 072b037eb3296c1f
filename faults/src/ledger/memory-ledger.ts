import type { Ledger, LedgerEntry } from './ledger-entry.js';

/** A ledger kept in an array, for the in-process cases. */
export interface MemoryLedger extends Ledger {
  readonly entries: LedgerEntry[];
}

export function createMemoryLedger(): MemoryLedger {
  const entries: LedgerEntry[] = [];
  return { entries, append: (entry) => void entries.push(entry) };
}
