import type { DeduplicationSpec, EnqueueRecord } from '@mq/core/provider';
import type { DedupKeys, KeyHold } from '../dedup-keys.js';
import type { RememberedIds } from '../remembered-ids.js';
import type { ByteReader } from './byte-reader.js';
import type { ByteWriter } from './byte-writer.js';
import type { DurableQueueState } from './durable-queue-state.js';
import { DEDUP_MODES } from './log-ops.js';

/**
 * The snapshot frames of what a queue keeps beside its records (log-ops.ts): its deduplication
 * keys (IMAGE_KEYS) and the debounce records they hold back (IMAGE_PARKED), its records' groups (IMAGE_GROUPS) and its idempotency window
 * (IMAGE_REMEMBERED). Each writer and its reader sit together so the two cannot drift.
 */

function writeIds(w: ByteWriter, ids: Iterable<string>, count: number): void {
  w.u32(count);
  for (const id of ids) w.str(id);
}

function readIds(r: ByteReader): string[] {
  const ids = new Array<string>(r.u32());
  for (let i = 0; i < ids.length; i++) ids[i] = r.str();
  return ids;
}

function readMode(r: ByteReader): DeduplicationSpec['mode'] {
  const mode = DEDUP_MODES[r.u8()];
  if (mode === undefined) throw new RangeError('unknown deduplication mode');
  return mode;
}

export function writeSpec(w: ByteWriter, spec: DeduplicationSpec): void {
  w.str(spec.key);
  w.u8(DEDUP_MODES.indexOf(spec.mode));
  w.f64(spec.ttlMs ?? -1);
}

export function readSpec(r: ByteReader): DeduplicationSpec {
  const key = r.str();
  const mode = readMode(r);
  const ttlMs = r.f64();
  return ttlMs < 0 ? { key, mode } : { key, mode, ttlMs };
}

export function writeKeysImage(w: ByteWriter, keys: DedupKeys): void {
  const { holds, specs } = keys.image();
  w.u32(holds.length);
  for (const [key, hold] of holds) {
    w.str(key);
    w.u8(DEDUP_MODES.indexOf(hold.mode));
    w.f64(hold.expiresAt);
    writeIds(w, hold.ids, hold.ids.length);
  }
  w.u32(specs.length);
  for (const [id, spec] of specs) {
    w.str(id);
    writeSpec(w, spec);
  }
}

export function readKeysImage(r: ByteReader, keys: DedupKeys): void {
  const holds = new Array<[string, KeyHold]>(r.u32());
  for (let i = 0; i < holds.length; i++) {
    const key = r.str();
    const mode = readMode(r);
    const expiresAt = r.f64();
    holds[i] = [key, { mode, expiresAt, ids: readIds(r) }];
  }
  const specs = new Array<[string, DeduplicationSpec]>(r.u32());
  for (let i = 0; i < specs.length; i++) specs[i] = [r.str(), readSpec(r)];
  keys.restore(holds, specs);
}

/** A record as ENQUEUE_KEYED logs it: id, priority, delayMs, data, groupId?, then a flag byte and, when 1, its spec. */
export function writeKeyedRecord(w: ByteWriter, record: EnqueueRecord): void {
  w.str(record.id);
  w.u8(record.priority);
  w.f64(record.delayMs);
  w.data(record.data);
  w.optStr(record.groupId);
  const spec = record.deduplication;
  w.u8(spec === undefined ? 0 : 1);
  if (spec !== undefined) writeSpec(w, spec);
}

/** One record as ENQUEUE_KEYED and IMAGE_PARKED write it (id, priority, delay, data, group, key spec). */
export function readKeyedRecord(r: ByteReader): EnqueueRecord {
  const id = r.str();
  const priority = r.u8();
  const delayMs = r.f64();
  const data = r.data();
  const groupId = r.optStr();
  const deduplication = r.u8() === 1 ? readSpec(r) : undefined;
  return { id, priority, delayMs, data, ...(groupId === undefined ? {} : { groupId }), ...(deduplication === undefined ? {} : { deduplication }) };
}

/** The records held back behind a holder (debounce): count, then per record its hold's key, its own due time and the record. */
export function writeParkedImage(w: ByteWriter, parked: readonly [string, { readonly record: EnqueueRecord; readonly dueAt: number }][]): void {
  w.u32(parked.length);
  for (const [key, { record, dueAt }] of parked) {
    w.str(key);
    w.f64(dueAt);
    writeKeyedRecord(w, record);
  }
}

export function readParkedImage(r: ByteReader, keys: DedupKeys): void {
  const count = r.u32();
  for (let i = 0; i < count; i++) {
    const key = r.str();
    const dueAt = r.f64();
    keys.restoreParked(key, { record: readKeyedRecord(r), dueAt });
  }
}

/** Per record of a group (waiting, leased or dead) its id and group. */
export function writeGroupsImage(w: ByteWriter, queue: DurableQueueState): void {
  const entries: [string, string][] = [];
  const { slots } = queue.storage;
  for (let slot = 0; slot < slots.capacity; slot++) {
    const id = slots.id(slot);
    const groupId = id === undefined ? undefined : queue.groups.groupOf(slot);
    if (id !== undefined && groupId !== undefined) entries.push([id, groupId]);
  }
  for (const entry of queue.groups.deadEntries()) entries.push(entry);
  w.u32(entries.length);
  for (const [id, groupId] of entries) {
    w.str(id);
    w.str(groupId);
  }
}

/** The groups of the records that follow (id → group), for DurableQueueState.restore(). */
export function readGroupsImage(r: ByteReader): Map<string, string> {
  const groups = new Map<string, string>();
  for (let i = r.u32(); i > 0; i--) groups.set(r.str(), r.str());
  return groups;
}

export function writeRememberedImage(w: ByteWriter, ring: RememberedIds): void {
  const buckets = ring.image();
  w.f64(ring.windowMs);
  w.u32(buckets.length);
  for (const [epoch, ids] of buckets) {
    w.f64(epoch);
    writeIds(w, ids, ids.length);
  }
}

/** Reads the buckets of a window into the ring `ringOf(windowMs)` gives. */
export function readRememberedImage(r: ByteReader, ringOf: (windowMs: number) => RememberedIds | undefined): void {
  const ring = ringOf(r.f64());
  for (let count = r.u32(); count > 0; count--) {
    const epoch = r.f64();
    ring?.restoreBucket(epoch, readIds(r));
  }
}
