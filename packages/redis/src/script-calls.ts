import type { EnqueueRecord, ReleaseOptions } from '@mq/core/provider';
import { LUA_SCRIPTS, type LuaScript } from './lua-scripts.js';
import type { ScriptQueue } from './script-keys.js';

/**
 * Typed script calls: for each Lua script, one function from a queue and typed arguments to the
 * script's KEYS and ARGV, as its header lists them (src/lua/*.lua). The mirror of
 * script-replies.ts, which reads what the scripts answer. No call site builds KEYS or ARGV itself;
 * KEYS come from SCRIPT_KEYS, built once per queue (script-keys.ts). `now` is ServerClock.now().
 */
export interface ScriptCall {
  readonly script: LuaScript;
  readonly keys: readonly string[];
  readonly argv: (string | number)[];
}

export interface AckItem {
  readonly id: string;
  readonly token: string;
  /** Whole ms >= 0. */
  readonly processingMs: number;
}
export interface ReleaseItem {
  readonly id: string;
  readonly token: string;
  readonly options: ReleaseOptions;
}
export interface DeadItem {
  readonly id: string;
  readonly token: string;
  readonly error: string;
  /** Subtract the delivery this lease counted (the handler never ran). */
  readonly refund: boolean;
}

/** take.lua's ARGV[6]: delayed records and expired leases moved per take at most (also the most records one take leases). */
export const TAKE_BATCH_LIMIT = 1000;

/** enqueue.lua: groups of records (one per enqueue call), each stored all or none. */
export function enqueueCall(q: ScriptQueue, now: number, groups: readonly (readonly EnqueueRecord[])[]): ScriptCall {
  const argv: (string | number)[] = [now, q.keys.wakeChannel, q.windowMs];
  for (const records of groups) {
    argv.push(records.length);
    // capabilities.binaryData is false: the core hands this provider text only.
    for (const r of records) argv.push(r.id, r.priority, Math.max(0, Math.ceil(r.delayMs)), r.data as string);
  }
  return { script: LUA_SCRIPTS.enqueue, keys: q.keysOf.enqueue, argv };
}

/** A deduplication spec as enqueue-keyed.lua takes it: mode letter, ttlMs (0 = none), ':', key. */
function specArg(record: EnqueueRecord): string {
  const spec = record.deduplication;
  return spec === undefined ? '' : `${spec.mode === 'until-settled' ? 'u' : spec.mode === 'ttl' ? 't' : 'd'}${spec.ttlMs ?? 0}:${spec.key}`;
}

/** enqueue-keyed.lua: one enqueue call of which some records carry a deduplication key. */
export function enqueueKeyedCall(q: ScriptQueue, now: number, records: readonly EnqueueRecord[]): ScriptCall {
  const argv: (string | number)[] = [now, q.keys.wakeChannel, q.windowMs];
  for (const r of records) argv.push(r.id, r.priority, Math.max(0, Math.ceil(r.delayMs)), r.data as string, specArg(r));
  return { script: LUA_SCRIPTS.enqueueKeyed, keys: q.keysOf.enqueueKeyed, argv };
}

/** enqueue-grouped.lua: one enqueue call of which some records belong to a group (fair groups); the window as enqueue.lua's. */
export function enqueueGroupedCall(q: ScriptQueue, now: number, records: readonly EnqueueRecord[]): ScriptCall {
  const argv: (string | number)[] = [now, q.keys.wakeChannel, q.windowMs];
  for (const r of records) argv.push(r.id, r.priority, Math.max(0, Math.ceil(r.delayMs)), r.data as string, r.groupId ?? '');
  return { script: LUA_SCRIPTS.enqueueGrouped, keys: q.keysOf.enqueueGrouped, argv };
}

/**
 * take.lua: leases up to `max` records for `leaseMs`; the i-th gets the token `tokenPrefix` + i.
 * At most `groupConcurrency` leases per group (0 = no limit).
 */
export function takeCall(q: ScriptQueue, now: number, max: number, leaseMs: number, tokenPrefix: string, giveUpAt: number, groupConcurrency = 0): ScriptCall {
  const argv = [now, max, leaseMs, tokenPrefix, q.keys.wakeChannel, TAKE_BATCH_LIMIT, giveUpAt, groupConcurrency];
  return { script: LUA_SCRIPTS.take, keys: q.keysOf.take, argv };
}

/** ack.lua: completes held leases. ARGV: now, the window, then id, lease token and processing ms per lease. */
export function ackCall(q: ScriptQueue, now: number, items: readonly AckItem[]): ScriptCall {
  const argv: (string | number)[] = [now, q.windowMs];
  for (const item of items) argv.push(item.id, item.token, item.processingMs);
  return { script: LUA_SCRIPTS.ack, keys: q.keysOf.ack, argv };
}

/**
 * ack-take (ack-take-source.ts): ack.lua for the acks waiting for their batch (CallBatcher
 * entries), then `take`, in one call. ARGV: the count of ack.lua's values, ack.lua's ARGV, take.lua's.
 */
export function ackTakeCall(q: ScriptQueue, now: number, acks: readonly { readonly item: AckItem }[], take: ScriptCall): ScriptCall {
  const argv: (string | number)[] = [2 + 3 * acks.length, now, q.windowMs];
  for (const { item } of acks) argv.push(item.id, item.token, item.processingMs);
  for (const value of take.argv) argv.push(value);
  return { script: LUA_SCRIPTS.ackTake, keys: q.keysOf.ackTake, argv };
}

/** release.lua: ends held leases; each record is due again after its delay. */
export function releaseCall(q: ScriptQueue, now: number, items: readonly ReleaseItem[]): ScriptCall {
  const argv: (string | number)[] = [now, q.keys.wakeChannel];
  for (const { id, token, options } of items) {
    const lastError = options.lastError === undefined ? '' : `!${options.lastError}`;
    argv.push(id, token, Math.max(0, Math.ceil(options.delayMs)), options.refundAttempt === true ? 1 : 0, lastError);
  }
  return { script: LUA_SCRIPTS.release, keys: q.keysOf.release, argv };
}

/** dead-letter.lua: moves held leases to the dead letters. */
export function deadLetterCall(q: ScriptQueue, now: number, items: readonly DeadItem[]): ScriptCall {
  const argv: (string | number)[] = [now];
  for (const item of items) argv.push(item.id, item.token, item.refund ? 1 : 0, item.error);
  return { script: LUA_SCRIPTS.deadLetter, keys: q.keysOf.deadLetter, argv };
}

/** check-work.lua: is work there now, and when does the next fall due. */
export function checkWorkCall(q: ScriptQueue, now: number): ScriptCall {
  return { script: LUA_SCRIPTS.checkWork, keys: q.keysOf.checkWork, argv: [now] };
}

/** declare-queue.lua: stores `partitions` unless a count is stored (0: reads only). */
export function declareQueueCall(q: ScriptQueue, partitions: number): ScriptCall {
  return { script: LUA_SCRIPTS.declareQueue, keys: q.keysOf.declareQueue, argv: [partitions] };
}

/** peek-ready.lua: the level a take would start with (partitioned queues). */
export function peekReadyCall(q: ScriptQueue, now: number): ScriptCall {
  return { script: LUA_SCRIPTS.peekReady, keys: q.keysOf.peekReady, argv: [now] };
}

/** count.lua: the queue's counts. */
export function countCall(q: ScriptQueue, now: number): ScriptCall {
  return { script: LUA_SCRIPTS.count, keys: q.keysOf.count, argv: [now] };
}

/** count-groups.lua: the `limit` groups with the most ready records. */
export function countGroupsCall(q: ScriptQueue, limit: number): ScriptCall {
  return { script: LUA_SCRIPTS.countGroups, keys: q.keysOf.countGroups, argv: [limit] };
}

/** purge.lua: removes every waiting and leased record (remembered by the window). */
export function purgeCall(q: ScriptQueue, now: number): ScriptCall {
  return { script: LUA_SCRIPTS.purge, keys: q.keysOf.purge, argv: [now, q.windowMs] };
}

/** delete-queue.lua: removes every key of the queue. */
export function deleteQueueCall(q: ScriptQueue): ScriptCall {
  return { script: LUA_SCRIPTS.deleteQueue, keys: q.keysOf.deleteQueue, argv: [] };
}

/** list-dead-letters.lua: a page of dead letters, oldest first. */
export function listDeadLettersCall(q: ScriptQueue, offset: number, limit: number): ScriptCall {
  return { script: LUA_SCRIPTS.listDeadLetters, keys: q.keysOf.listDeadLetters, argv: [Math.max(0, offset), limit] };
}

/** replay-dead-letters.lua: every dead letter (ids undefined) or the ids given, back to the ready lists. */
export function replayDeadLettersCall(q: ScriptQueue, now: number, ids: readonly string[] | undefined): ScriptCall {
  const argv = [now, q.keys.wakeChannel, ...(ids === undefined ? ['all'] : ['ids', ...ids])];
  return { script: LUA_SCRIPTS.replayDeadLetters, keys: q.keysOf.replayDeadLetters, argv };
}

/** purge-dead-letters.lua: every dead letter (ids undefined) or the ids given (remembered by the window). */
export function purgeDeadLettersCall(q: ScriptQueue, now: number, ids: readonly string[] | undefined): ScriptCall {
  return { script: LUA_SCRIPTS.purgeDeadLetters, keys: q.keysOf.purgeDeadLetters, argv: [now, q.windowMs, ...(ids === undefined ? ['all'] : ['ids', ...ids])] };
}

/** rewrite-record.lua: replaces one waiting or dead record's data if it is still `expected`. */
export function rewriteRecordCall(q: ScriptQueue, id: string, expected: string, data: string): ScriptCall {
  return { script: LUA_SCRIPTS.rewriteRecord, keys: q.keysOf.rewriteRecord, argv: [id, expected, data] };
}
