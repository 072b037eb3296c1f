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
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
