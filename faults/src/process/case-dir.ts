import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CaseDir {
  readonly root: string;
  /** Where every process of the case writes its ledger file. */
  readonly ledger: string;
  /** A subdirectory (created), e.g. for a Redis server's data. */
  sub(name: string): string;
  remove(): void;
}

/** A fresh temporary directory for one case, with its ledger directory. */
export function createCaseDir(caseName: string): CaseDir {
  const root = mkdtempSync(join(tmpdir(), `mq-faults-${caseName}-`));
  const ledger = join(root, 'ledger');
  mkdirSync(ledger);
  return {
    root,
    ledger,
    sub(name) {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    remove: () => {
      // FAULTS_KEEP_DIR=1 keeps ledgers and Redis data for a look after the run.
      if (process.env.FAULTS_KEEP_DIR === '1') console.log(`[faults] kept ${root}`);
      else rmSync(root, { recursive: true, force: true });
    },
  };
}
