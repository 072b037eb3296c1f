import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeadRecord } from '@mq/core/provider';
import { ByteWriter } from './byte-writer.js';
import type { DurableQueueState, RecordImage } from './durable-queue-state.js';
import { loadStore } from './load-store.js';
import { LogEncoder } from './log-encoder.js';
import type { LogWriter } from './log-writer.js';
import { listStoreFiles, logName, removeFiles, snapshotName, syncDir } from './store-files.js';

/** Records per snapshot frame, and bytes of snapshot written per slice of work. */
const RECORDS_PER_FRAME = 512;
const SLICE_BYTES = 1024 * 1024;

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Writes a snapshot file in slices, yielding to the event loop between them. */
class SnapshotFile {
  private readonly out = new ByteWriter();
  readonly encoder = new LogEncoder(() => this.out);
  private readonly fd: number;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  async maybeFlush(): Promise<void> {
    if (this.out.length < SLICE_BYTES) return;
    this.flush();
    await nextTick();
  }

  finish(): void {
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }

  abandon(): void {
    fs.closeSync(this.fd);
    fs.rmSync(this.file, { force: true });
  }

  private flush(): void {
    let done = 0;
    while (done < this.out.length) done += fs.writeSync(this.fd, this.out.buffer, done, this.out.length - done);
    this.out.clear();
  }
}

async function writeQueue(file: SnapshotFile, name: string, queue: DurableQueueState): Promise<void> {
  file.encoder.imageQueue(name, queue.nextSeq, queue.completed, queue.processingMsTotal);
  if (queue.paused) file.encoder.imagePaused();
  let images: RecordImage[] = [];
  for (const image of queue.images()) {
    images.push(image);
    if (images.length === RECORDS_PER_FRAME) {
      file.encoder.imageRecords(images);
      images = [];
      await file.maybeFlush();
    }
  }
  if (images.length > 0) file.encoder.imageRecords(images);
  let dead: DeadRecord[] = [];
  for (const record of queue.dead.values()) {
    dead.push(record);
    if (dead.length === RECORDS_PER_FRAME) {
      file.encoder.imageDead(dead);
      dead = [];
      await file.maybeFlush();
    }
  }
  if (dead.length > 0) file.encoder.imageDead(dead);
}

/**
 * Compacts the log in the background: the live writer moves on to a new log at once (a flush and
 * an fsync), then the closed logs and the previous snapshot are replayed into a copy of the state
 * in slices and written as snapshot-N (a `.tmp` file fsynced, then renamed), and the files it
 * replaces are removed. A crash at any point leaves either the old files or the new snapshot whole.
 */
export async function compactStore(dir: string, writer: LogWriter): Promise<void> {
  await writer.rotate();
  const upTo = writer.generation;
  const files = listStoreFiles(dir);
  const snapshot = files.snapshots.filter((g) => g < upTo).at(-1);
  const logs = files.logs.filter((g) => g >= (snapshot ?? 0) && g < upTo);
  const queues = new Map<string, DurableQueueState>();
  await loadStore(dir, { queues }, { snapshot, logs, tornTailAllowed: false, sliceBytes: SLICE_BYTES });
  const file = new SnapshotFile(path.join(dir, `${snapshotName(upTo)}.tmp`));
  try {
    for (const [name, queue] of queues) await writeQueue(file, name, queue);
    file.encoder.imageEnd();
    file.finish();
  } catch (error) {
    file.abandon();
    throw error;
  }
  fs.renameSync(file.file, path.join(dir, snapshotName(upTo)));
  syncDir(dir);
  removeFiles(dir, [...logs.map(logName), ...(snapshot === undefined ? [] : [snapshotName(snapshot)])]);
}
