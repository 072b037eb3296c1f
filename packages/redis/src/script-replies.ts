import { MqError, type DeadRecord, type DeduplicatedRecord, type EnqueueRecord, type EnqueueResult, type GroupBacklog, type QueueCounts, type ReadyPeek, type TakenRecord } from '@mq/core/provider';
import type { WorkCheck } from './wake-hub.js';

/**
 * Turns the flat arrays that the Lua scripts return into the contract's records: the mirror of
 * script-calls.ts. take.lua answers a record's priority and attempts as its code (src/lua/prelude.lua).
 */

/** code = (priority - 1) * CODE_STEP + attempts, as src/lua/prelude.lua packs it. */
const CODE_STEP = 4096;

function priorityOf(code: number): number {
  return Math.floor(code / CODE_STEP) + 1;
}

function attemptsOf(code: number): number {
  return code % CODE_STEP;
}

export function malformed(script: string): MqError {
  return new MqError('MQ_PROVIDER_ERROR', `Redis returned an unexpected reply to ${script}.`, { details: { script } });
}

function list(reply: unknown, script: string, stride: number): unknown[] {
  if (!Array.isArray(reply) || reply.length % stride !== 0) throw malformed(script);
  return reply;
}

export interface TakeReply {
  readonly records: TakenRecord[];
  /** The time the take used (server ms). */
  readonly now: number;
  /** When fewer than `max` were taken: the next due time (server ms), or undefined when nothing waits. */
  readonly nextDue: number | undefined;
}

/**
 * take.lua: now, next due, lease expiry, then per record id, code, availableAt, error or null,
 * data. The i-th record's lease token is `tokenPrefix` + i.
 */
export function toTakeReply(reply: unknown, tokenPrefix: string): TakeReply {
  if (!Array.isArray(reply) || reply.length < 3 || (reply.length - 3) % 5 !== 0) throw malformed('take');
  const leaseExpiresAt = Number(reply[2]);
  const records: TakenRecord[] = [];
  for (let i = 3, n = 1; i < reply.length; i += 5, n++) {
    const code = Number(reply[i + 1]);
    const lastError: unknown = reply[i + 3];
    const record = {
      id: String(reply[i]),
      priority: priorityOf(code),
      attempts: attemptsOf(code),
      availableAt: Number(reply[i + 2]),
      leaseToken: tokenPrefix + n,
      leaseExpiresAt,
      data: String(reply[i + 4]),
    };
    records.push(typeof lastError === 'string' ? { ...record, lastError } : record);
  }
  const nextDue = Number(reply[1]);
  return { records, now: Number(reply[0]), nextDue: nextDue < 0 ? undefined : nextDue };
}

/** A script that returns the replies of two scripts it ran, e.g. ack-take. */
export function toPair(reply: unknown, script: string): [unknown, unknown] {
  if (!Array.isArray(reply) || reply.length !== 2) throw malformed(script);
  return [reply[0], reply[1]];
}

/** list-dead-letters.lua: id, priority, attempts, failedAt, error, data. */
export function toDeadRecords(reply: unknown): DeadRecord[] {
  const flat = list(reply, 'list-dead-letters', 6);
  const records: DeadRecord[] = [];
  for (let i = 0; i < flat.length; i += 6) {
    records.push({
      id: String(flat[i]),
      priority: Number(flat[i + 1]),
      attempts: Number(flat[i + 2]),
      failedAt: Number(flat[i + 3]),
      error: String(flat[i + 4]),
      data: String(flat[i + 5]),
    });
  }
  return records;
}

/** count.lua: ready, delayed, processing, dead, completed, processingMsTotal, oldestReadyAgeMs (-1: none ready), paused (1/0). */
export function toQueueCounts(reply: unknown): QueueCounts {
  const [ready, delayed, processing, dead, completed, processingMsTotal, oldest, paused] = list(reply, 'count', 8).map(Number) as number[];
  const counts = {
    ready: ready as number,
    delayed: delayed as number,
    processing: processing as number,
    dead: dead as number,
    completed: completed as number,
    processingMsTotal: processingMsTotal as number,
    paused: paused === 1,
  };
  return (oldest as number) < 0 ? counts : { ...counts, oldestReadyAgeMs: oldest as number };
}

/** peek-ready.lua: {priority, count}. */
export function toReadyPeek(reply: unknown): ReadyPeek {
  const [priority, count] = list(reply, 'peek-ready', 2).map(Number) as number[];
  if (reply === null || (reply as unknown[]).length !== 2) throw malformed('peek-ready');
  return { priority: priority as number, count: count as number };
}

/** check-work.lua: ready (1/0), next due (-1 = none), now. */
export function toWorkCheck(reply: unknown): WorkCheck {
  const [ready, nextDue, now] = list(reply, 'check-work', 3).map(Number) as number[];
  return { ready: ready === 1, nextDue: nextDue === undefined || nextDue < 0 ? undefined : nextDue, now: now as number };
}

/** Scripts that answer one 1/0 per lease. */
export function toFlags(reply: unknown, script: string, expected: number): boolean[] {
  const flat = list(reply, script, 1);
  if (flat.length !== expected) throw malformed(script);
  return flat.map((v) => Number(v) === 1);
}

const STORED: EnqueueResult = Object.freeze({ duplicateIds: Object.freeze([]) });

/**
 * enqueue.lua: one array of duplicate ids per group; when the call passed a window (`windowed`),
 * then the flat (group, 0-based position) of each record whose id the window remembers.
 */
export function toGroups(reply: unknown, calls: readonly (readonly EnqueueRecord[])[], windowed: boolean): EnqueueResult[] {
  const expected = calls.length;
  const groups = list(reply, 'enqueue', 1);
  if (groups.length !== expected + (windowed ? 1 : 0)) throw malformed('enqueue');
  const results = groups.slice(0, expected).map((group): EnqueueResult => {
    const duplicateIds = toStrings(group, 'enqueue');
    return duplicateIds.length === 0 ? STORED : { duplicateIds };
  });
  if (!windowed) return results;
  const flat = list(groups[expected], 'enqueue', 2);
  const byGroup = new Map<number, DeduplicatedRecord[]>();
  for (let i = 0; i < flat.length; i += 2) {
    const group = Number(flat[i]) - 1;
    const index = Number(flat[i + 1]);
    const record = calls[group]?.[index];
    if (record === undefined) throw malformed('enqueue');
    const entries = byGroup.get(group) ?? [];
    entries.push({ index, existingId: record.id, replaced: false, byId: true });
    byGroup.set(group, entries);
  }
  for (const [group, entries] of byGroup) results[group] = { duplicateIds: [], deduplicated: entries };
  return results;
}

/** enqueue-keyed.lua: { duplicate ids, flat (1-based position, holder id, replaced 1/0) per deduplicated record }. */
export function toKeyedResult(reply: unknown): EnqueueResult {
  const [dups, flat] = list(reply, 'enqueue-keyed', 2);
  const values = list(flat, 'enqueue-keyed', 3);
  const deduplicated: DeduplicatedRecord[] = [];
  for (let i = 0; i < values.length; i += 3) {
    const flag = Number(values[i + 2]);
    // 2: the idempotency window remembers the record's id (existingId is its own id).
    deduplicated.push(flag === 2 ? { index: Number(values[i]) - 1, existingId: String(values[i + 1]), replaced: false, byId: true } : { index: Number(values[i]) - 1, existingId: String(values[i + 1]), replaced: flag === 1 });
  }
  return { duplicateIds: toStrings(dups, 'enqueue-keyed'), deduplicated };
}

/**
 * enqueue-grouped.lua: { duplicate ids, 0-based positions of the records whose id the window
 * remembers (not stored: deduplicated by id, existingId their own id) }.
 */
export function toGroupedResult(reply: unknown, records: readonly EnqueueRecord[]): EnqueueResult {
  const [dups, positions] = list(reply, 'enqueue-grouped', 2);
  const duplicateIds = toStrings(dups, 'enqueue-grouped');
  if (duplicateIds.length > 0) return { duplicateIds };
  const deduplicated = list(positions, 'enqueue-grouped', 1).map((value): DeduplicatedRecord => {
    const index = Number(value);
    const record = records[index];
    if (record === undefined) throw malformed('enqueue-grouped');
    return { index, existingId: record.id, replaced: false, byId: true };
  });
  return deduplicated.length === 0 ? STORED : { duplicateIds: [], deduplicated };
}

/** count-groups.lua: flat groupId, ready count pairs, most first. */
export function toGroupBacklog(reply: unknown): GroupBacklog[] {
  const flat = list(reply, 'count-groups', 2);
  const out: GroupBacklog[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ groupId: String(flat[i]), waiting: Number(flat[i + 1]) });
  return out;
}

export function toStrings(reply: unknown, script: string): string[] {
  return list(reply, script, 1).map(String);
}
