import * as fs from 'node:fs';
import * as path from 'node:path';
import { corrupt, loadStore } from './load-store.js';
import type { ReplayTarget } from './replay-target.js';
import { listStoreFiles, logName, removeFiles, snapshotName } from './store-files.js';

export interface Recovered {
  /** The log to append to. */
  readonly generation: number;
}

/**
 * Rebuilds the queues of a persistence folder into `target` (empty): the newest whole snapshot, then the logs after it.
 * A torn tail of the last log is cut off (with a warning naming the bytes dropped); a bad record
 * anywhere else fails with MQ_STORE_CORRUPT. Files a finished compaction left behind are removed.
 */
export async function recoverStore(dir: string, target: ReplayTarget, warn: (message: string) => void): Promise<Recovered> {
  const files = listStoreFiles(dir);
  removeFiles(dir, files.partial);
  const snapshot = files.snapshots.at(-1);
  const from = snapshot ?? 0;
  const logs = files.logs.filter((g) => g >= from);
  if (snapshot === undefined && logs.length > 0 && logs[0] !== 0) throw corrupt(path.join(dir, logName(logs[0] as number)), 0, 'the logs before it and their snapshot are missing');
  const result = await loadStore(dir, target, { snapshot, logs, tornTailAllowed: true });
  const generation = logs.at(-1) ?? from;
  if (result.droppedBytes > 0) {
    const file = path.join(dir, logName(generation));
    fs.truncateSync(file, result.lastLogLength);
    warn(`@mq/memory: the log ${file} ended in a torn record (a write cut short by a crash); cut ${result.droppedBytes} bytes at byte ${result.lastLogLength}.`);
  }
  removeFiles(dir, [
    ...files.logs.filter((g) => g < from).map(logName),
    ...files.snapshots.filter((g) => g < from).map(snapshotName),
  ]);
  return { generation };
}
