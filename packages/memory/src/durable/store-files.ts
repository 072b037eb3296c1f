import * as fs from 'node:fs';
import * as path from 'node:path';

/** The files of a persistence folder: logs and snapshots numbered by generation. */
const LOG = /^log-(\d{10})\.mql$/;
const SNAPSHOT = /^snapshot-(\d{10})\.mqs$/;

export const logName = (generation: number): string => `log-${String(generation).padStart(10, '0')}.mql`;
/** snapshot-N holds the state after every log below generation N. */
export const snapshotName = (generation: number): string => `snapshot-${String(generation).padStart(10, '0')}.mqs`;

export interface StoreFiles {
  /** Generations of the logs, ascending. */
  readonly logs: number[];
  /** Generations of the whole snapshots, ascending. */
  readonly snapshots: number[];
  /** Half-written snapshots (a crash during compaction): deleted at recovery. */
  readonly partial: string[];
}

export function listStoreFiles(dir: string): StoreFiles {
  const logs: number[] = [];
  const snapshots: number[] = [];
  const partial: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const log = LOG.exec(name);
    const snapshot = SNAPSHOT.exec(name);
    if (log !== null) logs.push(Number(log[1]));
    else if (snapshot !== null) snapshots.push(Number(snapshot[1]));
    else if (name.endsWith('.tmp')) partial.push(name);
  }
  const ascending = (a: number, b: number): number => a - b;
  return { logs: logs.sort(ascending), snapshots: snapshots.sort(ascending), partial };
}

/** Makes a rename or a new file in `dir` durable. */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function removeFiles(dir: string, names: readonly string[]): void {
  for (const name of names) fs.rmSync(path.join(dir, name), { force: true });
}
