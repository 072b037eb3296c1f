import type { ScanState } from '@mq/core/provider';
import { LUA_SCRIPTS } from './lua-scripts.js';
import type { ScriptCall } from './script-calls.js';
import type { ScriptQueue } from './script-keys.js';

/** The admin API's typed script calls (as script-calls.ts, for the scripts of docs/observability.md). */

/** How many hash entries one scan-records call asks HSCAN for. */
export const SCAN_COUNT = 200;

/** scan-records.lua: one page (at most `limit`) of a walk over the records of a state, with each record's details. */
export function scanRecordsCall(q: ScriptQueue, state: ScanState, cursor: string, after: string, limit: number): ScriptCall {
  return { script: LUA_SCRIPTS.scanRecords, keys: q.keysOf.scanRecords, argv: [state, cursor, after, limit, SCAN_COUNT] };
}

/** get-record.lua: one record in any state, or false. */
export function getRecordCall(q: ScriptQueue, id: string): ScriptCall {
  return { script: LUA_SCRIPTS.getRecord, keys: q.keysOf.getRecord, argv: [id] };
}

/** delete-records.lua: removes ready, delayed and dead records (remembered by the window). */
export function deleteRecordsCall(q: ScriptQueue, now: number, ids: readonly string[]): ScriptCall {
  return { script: LUA_SCRIPTS.deleteRecords, keys: q.keysOf.deleteRecords, argv: [now, q.windowMs, ...ids] };
}

/** promote-records.lua: makes delayed records due now. */
export function promoteRecordsCall(q: ScriptQueue, now: number, ids: readonly string[]): ScriptCall {
  return { script: LUA_SCRIPTS.promoteRecords, keys: q.keysOf.promoteRecords, argv: [now, q.keys.wakeChannel, ...ids] };
}

/** set-priority.lua: the priority of ready and delayed records. */
export function setPriorityCall(q: ScriptQueue, priority: number, ids: readonly string[]): ScriptCall {
  return { script: LUA_SCRIPTS.setPriority, keys: q.keysOf.setPriority, argv: [priority, ...ids] };
}

/** set-paused.lua: pauses (true) or resumes the queue for every process. */
export function setPausedCall(q: ScriptQueue, paused: boolean): ScriptCall {
  return { script: LUA_SCRIPTS.setPaused, keys: q.keysOf.setPaused, argv: [paused ? 1 : 0, q.keys.wakeChannel] };
}
