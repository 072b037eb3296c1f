import type { ActionOutcome, RecordDetails, ScanPage, ScannedRecord, ScanState } from '@mq/core/provider';
import { ValidationError } from '@mq/core/provider';
import { malformed } from './script-replies.js';

/** What scan-records.lua and get-record.lua answer per record: id or state, then these 8 values (prelude.lua's recordView). */
const VIEW = 8;

function details(view: readonly unknown[], at: number, dead: boolean): { data: string; details: RecordDetails } {
  const [data, priority, attempts, availableAt, leaseExpiresAt, lastError, failedAt, error] = view.slice(at, at + VIEW);
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const time = (v: unknown): number | undefined => (Number(v) < 0 ? undefined : Number(v));
  const record: RecordDetails = {
    priority: Number(priority),
    attempts: Number(attempts),
    availableAt: Number(availableAt),
    ...(time(leaseExpiresAt) === undefined ? {} : { leaseExpiresAt: time(leaseExpiresAt) }),
    ...(text(lastError) === undefined ? {} : { lastError: text(lastError) }),
    ...(dead ? { error: text(error) ?? '', failedAt: time(failedAt) ?? Number(availableAt) } : {}),
  };
  return { data: String(data), details: record };
}

/** A walk position as the core carries it: the HSCAN cursor, a space, the last id of its batch (ids hold no space). */
export function parseScanCursor(cursor: string): [hscan: string, after: string] {
  if (cursor === '') return ['0', ''];
  const space = cursor.indexOf(' ');
  const hscan = space < 0 ? cursor : cursor.slice(0, space);
  if (!/^\d+$/.test(hscan)) throw new ValidationError('MQ_INVALID_ARGUMENT', 'Invalid cursor: pass the nextCursor of the previous page, or leave it out to start.', { field: 'cursor' });
  return [hscan, space < 0 ? '' : cursor.slice(space + 1)];
}

/** scan-records.lua: nextCursor and lastId, then id and the 8 view values per record. */
export function toScanPage(reply: unknown, state: ScanState): ScanPage {
  if (!Array.isArray(reply) || reply.length < 2 || (reply.length - 2) % (VIEW + 1) !== 0) throw malformed('scan-records');
  const records: ScannedRecord[] = [];
  for (let i = 2; i < reply.length; i += VIEW + 1) records.push({ id: String(reply[i]), ...details(reply, i + 1, state === 'dead') });
  const [cursor, after] = [String(reply[0]), String(reply[1])];
  return { records, nextCursor: cursor === '0' && after === '' ? '' : after === '' ? cursor : `${cursor} ${after}` };
}

/** get-record.lua: null (no such record), or the state and the 8 view values. */
export function toRecordWithState(reply: unknown, id: string): (ScannedRecord & { state: ScanState; details: RecordDetails }) | null {
  if (reply === null || reply === undefined) return null;
  if (!Array.isArray(reply) || reply.length !== VIEW + 1) throw malformed('get-record');
  const state = String(reply[0]) as ScanState;
  return { id, state, ...details(reply, 1, state === 'dead') };
}

const OUTCOMES: Record<string, ActionOutcome> = { d: 'done', n: 'not_found', w: 'wrong_state' };

/** delete-records, promote-records, set-priority: one letter per id. */
export function toOutcomes(reply: unknown, script: string, expected: number): ActionOutcome[] {
  if (!Array.isArray(reply) || reply.length !== expected) throw malformed(script);
  return reply.map((letter) => {
    const outcome = OUTCOMES[String(letter)];
    if (outcome === undefined) throw malformed(script);
    return outcome;
  });
}
