import * as fs from 'node:fs';
import * as path from 'node:path';
import { MqError } from '@mq/core/provider';
import { scanFrames } from './frame-scanner.js';
import { replayOp } from './replay-op.js';
import type { ReplayTarget } from './replay-target.js';
import { logName, snapshotName } from './store-files.js';

/** What to read: a snapshot (or none) and the logs after it, ascending. */
export interface LoadPlan {
  readonly snapshot: number | undefined;
  readonly logs: readonly number[];
  /** The last log may end in a torn tail (recovery: yes; compaction reads closed logs: no). */
  readonly tornTailAllowed: boolean;
  /** Yield to the event loop after this many bytes (compaction in the background); default never. */
  readonly sliceBytes?: number;
}

/** How the last log ended. */
export interface LoadResult {
  /** Bytes cut off the end of the last log (a torn tail), and where. */
  readonly droppedBytes: number;
  readonly lastLogLength: number;
}

export function corrupt(file: string, offset: number, why: string): MqError {
  return new MqError('MQ_STORE_CORRUPT', `The persistence file ${file} is corrupt at byte ${offset} (${why}); records after it cannot be trusted, so nothing was loaded. Restore the folder from a backup, or move the file away to start without it.`, {
    details: { file, offset },
  });
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function loadFile(file: string, target: ReplayTarget, last: boolean, plan: LoadPlan, isSnapshot: boolean): Promise<LoadResult> {
  const buffer = fs.readFileSync(file);
  let ended = false;
  const visit = (start: number, end: number, frameStart: number): void => {
    try {
      if (replayOp(buffer, start, end, target)) ended = true;
    } catch (error) {
      throw corrupt(file, frameStart, (error as Error).message);
    }
  };
  let offset = 0;
  for (;;) {
    const scan = scanFrames(buffer, offset, visit, plan.sliceBytes === undefined ? Infinity : offset + plan.sliceBytes);
    if (scan.more === true) {
      offset = scan.goodLength;
      await nextTick();
      continue;
    }
    if (scan.badAt !== undefined && !(scan.torn && last && plan.tornTailAllowed && !isSnapshot)) {
      throw corrupt(file, scan.badAt, scan.torn ? 'a cut-off record before the last log' : 'a record fails its checksum');
    }
    if (isSnapshot && !ended) throw corrupt(file, scan.goodLength, 'the snapshot has no end mark');
    return { droppedBytes: buffer.length - scan.goodLength, lastLogLength: scan.goodLength };
  }
}

/** Replays a snapshot and logs into `target`; throws MQ_STORE_CORRUPT with the file and offset of a bad record. */
export async function loadStore(dir: string, target: ReplayTarget, plan: LoadPlan): Promise<LoadResult> {
  if (plan.snapshot !== undefined) await loadFile(path.join(dir, snapshotName(plan.snapshot)), target, false, plan, true);
  target.imageName = undefined;
  target.imageGroups = undefined;
  let result: LoadResult = { droppedBytes: 0, lastLogLength: 0 };
  for (let i = 0; i < plan.logs.length; i++) {
    const generation = plan.logs[i] as number;
    if (i > 0 && generation !== (plan.logs[i - 1] as number) + 1) throw corrupt(path.join(dir, logName(generation)), 0, `log ${generation - 1} is missing`);
    result = await loadFile(path.join(dir, logName(generation)), target, i === plan.logs.length - 1, plan, false);
  }
  return result;
}
