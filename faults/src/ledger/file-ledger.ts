import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ledger, LedgerEntry } from './ledger-entry.js';

/**
 * A ledger file of one process: one JSON line per entry, appended synchronously so that a line
 * written before a SIGKILL is in the file (the kernel holds it even if the process dies next).
 */
export function createFileLedger(dir: string, name: string): Ledger {
  const path = join(dir, `${name}.jsonl`);
  return {
    append(entry: LedgerEntry): void {
      appendFileSync(path, `${JSON.stringify(entry)}\n`);
    },
  };
}
