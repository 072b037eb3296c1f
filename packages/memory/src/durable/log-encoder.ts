import type { DeadRecord, EnqueueRecord, RecordData } from '@mq/core/provider';
import type { DedupKeys } from '../dedup-keys.js';
import type { RememberedIds } from '../remembered-ids.js';
import type { ByteWriter } from './byte-writer.js';
import type { DurableQueueState, RecordImage } from './durable-queue-state.js';
import { OP } from './log-ops.js';
import { writeGroupsImage, writeKeyedRecord, writeKeysImage, writeParkedImage, writeRememberedImage } from './side-state-images.js';

/** Writes each operation of log-ops.ts as one frame into a ByteWriter. */
export class LogEncoder {
  constructor(private readonly out: () => ByteWriter) {}

  queue(name: string): void {
    this.named(OP.QUEUE, name).endFrame();
  }

  enqueue(name: string, now: number, records: readonly EnqueueRecord[]): void {
    const w = this.named(OP.ENQUEUE, name);
    w.f64(now);
    w.u32(records.length);
    for (const record of records) {
      w.str(record.id);
      w.u8(record.priority);
      w.f64(record.delayMs);
      w.data(record.data);
    }
    w.endFrame();
  }

  /** An enqueue whose records carry deduplication keys or groups. */
  enqueueKeyed(name: string, now: number, records: readonly EnqueueRecord[]): void {
    const w = this.named(OP.ENQUEUE_KEYED, name);
    w.f64(now);
    w.u32(records.length);
    for (const record of records) writeKeyedRecord(w, record);
    w.endFrame();
  }

  takeGrouped(name: string, now: number, max: number, leaseMs: number, groupLimit: number): void {
    const w = this.named(OP.TAKE_GROUPED, name);
    w.f64(now);
    w.f64(max);
    w.f64(leaseMs);
    w.f64(groupLimit);
    w.endFrame();
  }

  remember(name: string, now: number, windowMs: number, ids: readonly string[]): void {
    const w = this.named(OP.REMEMBER, name);
    w.f64(now);
    w.f64(windowMs);
    this.ids(w, ids);
    w.endFrame();
  }

  rewrite(name: string, id: string, data: RecordData): void {
    const w = this.named(OP.REWRITE, name);
    w.str(id);
    w.data(data);
    w.endFrame();
  }

  settings(name: string, partitions: number): void {
    const w = this.named(OP.IMAGE_SETTINGS, name);
    w.f64(partitions);
    w.endFrame();
  }

  take(name: string, now: number, max: number, leaseMs: number): void {
    const w = this.named(OP.TAKE, name);
    w.f64(now);
    w.f64(max);
    w.f64(leaseMs);
    w.endFrame();
  }

  settle(name: string, now: number): void {
    const w = this.named(OP.SETTLE, name);
    w.f64(now);
    w.endFrame();
  }

  ack(name: string, id: string, processingMs: number): void {
    const w = this.named(OP.ACK, name);
    w.str(id);
    w.f64(processingMs);
    w.endFrame();
  }

  release(name: string, id: string, now: number, delayMs: number, refund: boolean, lastError: string | undefined): void {
    const w = this.named(OP.RELEASE, name);
    w.str(id);
    w.f64(now);
    w.f64(delayMs);
    w.u8(refund ? 1 : 0);
    w.optStr(lastError);
    w.endFrame();
  }

  unpark(name: string, id: string, now: number): void {
    const w = this.named(OP.UNPARK, name);
    w.str(id);
    w.f64(now);
    w.endFrame();
  }

  dead(name: string, id: string, now: number, refund: boolean, error: string): void {
    const w = this.named(OP.DEAD, name);
    w.str(id);
    w.f64(now);
    w.u8(refund ? 1 : 0);
    w.str(error);
    w.endFrame();
  }

  revive(name: string, now: number, ids: readonly string[]): void {
    const w = this.named(OP.REVIVE, name);
    w.f64(now);
    this.ids(w, ids);
    w.endFrame();
  }

  purgeDead(name: string, ids: readonly string[] | undefined): void {
    const w = this.named(OP.PURGE_DEAD, name);
    w.u8(ids === undefined ? 1 : 0);
    this.ids(w, ids ?? []);
    w.endFrame();
  }

  purge(name: string): void {
    this.named(OP.PURGE, name).endFrame();
  }

  delete(name: string): void {
    this.named(OP.DELETE, name).endFrame();
  }

  /** One of OP.ADMIN_DELETE, ADMIN_PROMOTE, ADMIN_PRIORITY (`priority` only for the last). */
  admin(code: number, name: string, now: number, ids: readonly string[], priority?: number): void {
    const w = this.named(code, name);
    w.f64(now);
    if (code === OP.ADMIN_PRIORITY) w.u8(priority ?? 5);
    this.ids(w, ids);
    w.endFrame();
  }

  paused(name: string, paused: boolean): void {
    const w = this.named(OP.PAUSED, name);
    w.u8(paused ? 1 : 0);
    w.endFrame();
  }

  imagePaused(): void {
    this.op(OP.IMAGE_PAUSED).endFrame();
  }

  imageQueue(name: string, nextSeq: number, completed: number, processingMsTotal: number): void {
    const w = this.named(OP.IMAGE_QUEUE, name);
    w.f64(nextSeq);
    w.f64(completed);
    w.f64(processingMsTotal);
    w.endFrame();
  }

  imageRecords(images: readonly RecordImage[]): void {
    const w = this.op(OP.IMAGE_RECORDS);
    w.u32(images.length);
    for (const r of images) {
      w.str(r.id);
      w.data(r.data);
      w.u8(r.priority);
      w.u8(r.state);
      w.f64(r.availableAt);
      w.f64(r.seq);
      w.f64(r.attempts);
      w.f64(r.leaseExpiresAt);
      w.f64(r.leaseMs);
      w.optStr(r.lastError);
    }
    w.endFrame();
    const timed = images.filter((r) => r.lastErrorAt !== undefined);
    if (timed.length === 0) return;
    const t = this.op(OP.IMAGE_ERROR_TIMES);
    t.u32(timed.length);
    for (const r of timed) {
      t.str(r.id);
      t.f64(r.lastErrorAt as number);
    }
    t.endFrame();
  }

  imageDead(records: readonly DeadRecord[]): void {
    const w = this.op(OP.IMAGE_DEAD);
    w.u32(records.length);
    for (const r of records) {
      w.str(r.id);
      w.u8(r.priority);
      w.data(r.data);
      w.f64(r.attempts);
      w.str(r.error);
      w.f64(r.failedAt);
    }
    w.endFrame();
  }

  imageKeys(keys: DedupKeys): void {
    const w = this.op(OP.IMAGE_KEYS);
    writeKeysImage(w, keys);
    w.endFrame();
    const parked = keys.parkedImage();
    if (parked.length === 0) return;
    const p = this.op(OP.IMAGE_PARKED);
    writeParkedImage(p, parked);
    p.endFrame();
  }

  imageGroups(queue: DurableQueueState): void {
    const w = this.op(OP.IMAGE_GROUPS);
    writeGroupsImage(w, queue);
    w.endFrame();
  }

  imageRemembered(name: string, ring: RememberedIds): void {
    const w = this.named(OP.IMAGE_REMEMBERED, name);
    writeRememberedImage(w, ring);
    w.endFrame();
  }

  imageEnd(): void {
    this.op(OP.IMAGE_END).endFrame();
  }

  private ids(w: ByteWriter, ids: readonly string[]): void {
    w.u32(ids.length);
    for (const id of ids) w.str(id);
  }

  private op(code: number): ByteWriter {
    const w = this.out();
    w.beginFrame();
    w.u8(code);
    return w;
  }

  private named(code: number, name: string): ByteWriter {
    const w = this.op(code);
    w.str(name);
    return w;
  }
}
