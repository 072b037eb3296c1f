import * as fs from 'node:fs';
import * as path from 'node:path';
import { MqError } from '@mq/core/provider';
import { ByteWriter } from './byte-writer.js';
import { logName, syncDir } from './store-files.js';

/** How often writes reach the disk: see docs/persistence.md. */
export type Durability = 'fsync' | 'batch' | 'none';

/** Longest time written records wait for an fsync in 'batch' mode. */
export const BATCH_SYNC_MS = 100;

/** The operations encoded since the last flush: one promise for all of them (group commit). */
class Batch {
  readonly done: Promise<void>;
  resolve!: () => void;
  reject!: (error: unknown) => void;
  private readonly results = new Map<unknown, Promise<unknown>>();

  constructor() {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** A promise of `value` once the batch is durable, shared by every call asking the same value. */
  as<T>(value: T): Promise<T> {
    let promise = this.results.get(value) as Promise<T> | undefined;
    if (promise === undefined) {
      promise = this.done.then(() => value);
      this.results.set(value, promise);
    }
    return promise;
  }
}

/**
 * Appends frames to the current log file. Calls arriving together are written with one write()
 * (at the end of the current microtask queue) and, in 'fsync' mode, share one fdatasync run on the
 * thread pool while the next batch gathers (group commit); 'batch' mode fsyncs the written bytes
 * at most BATCH_SYNC_MS later; 'none' leaves that to the OS.
 */
export class LogWriter {
  readonly out = new ByteWriter();
  private fd: number;
  /** Bytes in the current log file. */
  bytes: number;
  private batch: Batch | undefined;
  private scheduled = false;
  private syncing = false;
  private syncEnded: (() => void)[] = [];
  private unsynced: Batch[] = [];
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private failure: MqError | undefined;
  /** Called after each flush (the provider checks whether the log should be compacted). */
  onFlushed: () => void = () => undefined;
  private readonly flushNow = (): void => this.flush();

  constructor(
    private readonly dir: string,
    public generation: number,
    private readonly durability: Durability,
  ) {
    const file = path.join(dir, logName(generation));
    this.fd = fs.openSync(file, 'a');
    this.bytes = fs.fstatSync(this.fd).size;
    syncDir(dir);
    if (durability === 'batch') {
      this.timer = setInterval(() => this.syncInBackground(), BATCH_SYNC_MS);
      this.timer.unref();
    }
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Promise of `value` once the frames encoded so far are durable (per the mode). */
  durable<T>(value: T): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.schedule();
    return (this.batch ??= new Batch()).as(value);
  }

  /** The frames encoded so far are written with the next flush; nobody waits for them. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(this.flushNow);
  }

  /**
   * Writes what was encoded; resolves its batch (after an fsync in 'fsync' mode). `startSync` false:
   * the caller fsyncs right away itself (rotate, close), so no fdatasync is started on the thread pool.
   */
  flush(startSync = true): void {
    this.scheduled = false;
    const batch = this.batch;
    this.batch = undefined;
    if (this.out.length > 0 && this.failure === undefined) {
      try {
        this.write(this.out.buffer, this.out.length);
      } catch (error) {
        this.fail(error);
      }
    }
    this.out.clear();
    if (batch !== undefined) {
      if (this.failure !== undefined) batch.reject(this.failure);
      else if (this.durability !== 'fsync') batch.resolve();
      else if (startSync) this.syncThen(batch);
      else this.unsynced.push(batch);
    }
    this.onFlushed();
  }

  /** Ends the current log (flushed and fsynced) and continues in the next generation. */
  async rotate(): Promise<void> {
    // Checked again right before going on: a flush in between may have started another fdatasync.
    while (this.syncing) await this.syncIdle();
    this.flush(false);
    fs.fdatasyncSync(this.fd);
    // The fsync just done covers the batches the flush left waiting.
    for (const batch of this.unsynced) batch.resolve();
    this.unsynced = [];
    fs.closeSync(this.fd);
    this.generation++;
    this.fd = fs.openSync(path.join(this.dir, logName(this.generation)), 'a');
    this.bytes = 0;
    syncDir(this.dir);
  }

  /** Flushes, fsyncs and closes the file. */
  async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    // The last flush starts no compaction: it would rotate a file closed under it.
    this.onFlushed = () => undefined;
    while (this.syncing) await this.syncIdle();
    this.flush(false);
    try {
      if (this.durability !== 'none') fs.fdatasyncSync(this.fd);
    } finally {
      fs.closeSync(this.fd);
      for (const batch of this.unsynced) batch.resolve();
      this.unsynced = [];
    }
  }

  /** Resolves once no fdatasync runs on the thread pool (the caller goes on in the same tick). */
  private async syncIdle(): Promise<void> {
    while (this.syncing) await new Promise<void>((resolve) => this.syncEnded.push(resolve));
  }

  private syncFinished(): void {
    this.syncing = false;
    const waiting = this.syncEnded;
    this.syncEnded = [];
    for (const wake of waiting) wake();
  }

  private write(buffer: Buffer, length: number): void {
    let done = 0;
    while (done < length) done += fs.writeSync(this.fd, buffer, done, length - done);
    this.bytes += length;
    this.dirty = true;
  }

  private syncThen(batch: Batch): void {
    this.unsynced.push(batch);
    if (this.syncing) return;
    this.syncing = true;
    const batches = this.unsynced;
    this.unsynced = [];
    this.dirty = false;
    fs.fdatasync(this.fd, (error) => {
      this.syncing = false;
      if (error !== null) this.fail(error);
      for (const b of batches) {
        if (this.failure !== undefined) b.reject(this.failure);
        else b.resolve();
      }
      const next = this.unsynced.pop();
      if (next !== undefined) this.syncThen(next);
      else this.syncFinished();
    });
  }

  private syncInBackground(): void {
    if (!this.dirty || this.syncing) return;
    this.dirty = false;
    this.syncing = true;
    fs.fdatasync(this.fd, (error) => {
      if (error !== null) this.fail(error);
      const next = this.unsynced.pop();
      if (next !== undefined) {
        this.syncing = false;
        this.syncThen(next);
      } else {
        this.syncFinished();
      }
    });
  }

  private fail(error: unknown): void {
    this.failure ??= new MqError('MQ_PROVIDER_UNAVAILABLE', `The in-memory provider could not write its log in ${this.dir}: ${(error as Error).message}. Calls that change a queue fail until the process restarts on a writable folder.`, {
      cause: error,
      details: { provider: 'memory', dir: this.dir },
    });
  }
}
