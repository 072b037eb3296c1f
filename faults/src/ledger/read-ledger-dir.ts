import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerEntry } from './ledger-entry.js';

/**
 * Every entry of every ledger file in `dir`. A line cut short by a kill can only be the last one
 * of its file; it is skipped (the entry was never complete, so it never happened).
 */
export function readLedgerDir(dir: string): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line === '') return;
      try {
        entries.push(JSON.parse(line) as LedgerEntry);
      } catch (error) {
        if (index < lines.length - 2) throw new Error(`Ledger ${file} line ${index + 1} is corrupt`, { cause: error });
      }
    });
  }
  return entries;
}
