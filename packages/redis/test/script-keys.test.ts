import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LUA_SCRIPTS } from '../src/lua-scripts.js';
import { queueKeys, type QueueKeys } from '../src/queue-keys.js';
import * as admin from '../src/admin-script-calls.js';
import * as calls from '../src/script-calls.js';
import { scriptQueue, type ScriptName } from '../src/script-keys.js';

/** The header's words for each key, as every .lua header writes them, and the QueueKeys field it is. */
const KEY_WORDS: Record<string, keyof QueueKeys> = {
  'records hash': 'records',
  'delayed zset': 'delayed',
  'leases zset': 'leases',
  'ready lists': 'ready',
  'dead-letters hash': 'dead',
  'dead order zset': 'deadOrder',
  'counters hash': 'counters',
  'dedup hash': 'dedup',
  'dedup expiry zset': 'dedupExpiry',
  'group-of hash': 'groupOf',
  'group counts hash': 'groupCounts',
  'group rings': 'rings',
  'window hash': 'window',
};

/** KEYS as a script's header lists them (`KEYS[i]  words` lines, `KEYS[i..j]  ready lists` / `group rings` for the ten of each), resolved for `keys`. */
function headerKeys(file: string, keys: QueueKeys): string[] {
  const header = /^--\[\[([\s\S]*?)\]\]/.exec(readFileSync(new URL(`../src/lua/${file}`, import.meta.url), 'utf8'))?.[1] ?? '';
  const out: string[] = [];
  for (const line of header.split('\n')) {
    const match = /^\s*KEYS\[(\d+)(?:\.\.(\d+))?\]\s+(.*)$/.exec(line);
    if (match === null) continue;
    const [first, last = match[1], text] = [Number(match[1]), Number(match[2] ?? match[1]), match[3] as string];
    expect(first, `${file}: ${line}`).toBe(out.length + 1);
    const words = Object.keys(KEY_WORDS).find((w) => text.startsWith(w));
    if (words === undefined) throw new Error(`${file}: no known key in "${line.trim()}"`);
    const field = KEY_WORDS[words] as keyof QueueKeys;
    if (field === 'ready' || field === 'rings') {
      expect(Number(last) - first + 1, `${file}: ${line}`).toBe(10);
      out.push(...keys[field]);
    } else {
      expect(Number(last), `${file}: ${line}`).toBe(first);
      out.push(keys[field] as string);
    }
  }
  return out;
}

const keys = queueKeys('p', 'q');
const q = scriptQueue(keys);
const take = calls.takeCall(q, -1, 1, 1000, 'tp.', -1);
const lease = { id: 'a', token: 't' };

/** One typed call of each script (ack-take is checked on its own below). */
const TYPED: Record<Exclude<ScriptName, 'ackTake'>, [file: string, call: calls.ScriptCall]> = {
  enqueue: ['enqueue.lua', calls.enqueueCall(q, -1, [[{ id: 'a', priority: 5, delayMs: 0, data: 'x' }]])],
  enqueueKeyed: ['enqueue-keyed.lua', calls.enqueueKeyedCall(q, -1, [{ id: 'a', priority: 5, delayMs: 0, data: 'x' }])],
  enqueueGrouped: ['enqueue-grouped.lua', calls.enqueueGroupedCall(q, -1, [{ id: 'a', priority: 5, delayMs: 0, data: 'x', groupId: 'g' }])],
  take: ['take.lua', take],
  ack: ['ack.lua', calls.ackCall(q, -1, [{ ...lease, processingMs: 1 }])],
  release: ['release.lua', calls.releaseCall(q, -1, [{ ...lease, options: { delayMs: 0 } }])],
  deadLetter: ['dead-letter.lua', calls.deadLetterCall(q, -1, [{ ...lease, error: 'e', refund: false }])],
  checkWork: ['check-work.lua', calls.checkWorkCall(q, -1)],
  count: ['count.lua', calls.countCall(q, -1)],
  countGroups: ['count-groups.lua', calls.countGroupsCall(q, 10)],
  purge: ['purge.lua', calls.purgeCall(q, -1)],
  deleteQueue: ['delete-queue.lua', calls.deleteQueueCall(q)],
  listDeadLetters: ['list-dead-letters.lua', calls.listDeadLettersCall(q, 0, 10)],
  replayDeadLetters: ['replay-dead-letters.lua', calls.replayDeadLettersCall(q, -1, undefined)],
  purgeDeadLetters: ['purge-dead-letters.lua', calls.purgeDeadLettersCall(q, -1, ['a'])],
  scanRecords: ['scan-records.lua', admin.scanRecordsCall(q, 'ready', '0', '', 100)],
  getRecord: ['get-record.lua', admin.getRecordCall(q, 'a')],
  deleteRecords: ['delete-records.lua', admin.deleteRecordsCall(q, -1, ['a'])],
  promoteRecords: ['promote-records.lua', admin.promoteRecordsCall(q, -1, ['a'])],
  setPriority: ['set-priority.lua', admin.setPriorityCall(q, 3, ['a'])],
  setPaused: ['set-paused.lua', admin.setPausedCall(q, true)],
  rewriteRecord: ['rewrite-record.lua', calls.rewriteRecordCall(q, 'a', 'x', 'y')],
  declareQueue: ['declare-queue.lua', calls.declareQueueCall(q, 3)],
  peekReady: ['peek-ready.lua', calls.peekReadyCall(q, -1)],
};

describe('typed script calls (script-calls.ts) against the KEYS of each script header', () => {
  it('covers every script', () => {
    expect([...Object.keys(TYPED), 'ackTake'].sort()).toEqual(Object.keys(LUA_SCRIPTS).sort());
  });

  it.each(Object.entries(TYPED))('%s passes the KEYS its header lists, in that order', (name, [file, call]) => {
    expect(call.script).toBe(LUA_SCRIPTS[name as ScriptName]);
    expect(call.keys).toEqual(headerKeys(file, keys));
  });

  it('ack-take passes take.lua its KEYS and ack.lua its KEYS, picked from its own', () => {
    const call = calls.ackTakeCall(q, -1, [{ item: { ...lease, processingMs: 1 } }], take);
    expect(call.script).toBe(LUA_SCRIPTS.ackTake);
    const source = LUA_SCRIPTS.ackTake.source;
    const ackKeys = /local acked = ack\(\{ ([^}]*) \}/.exec(source)?.[1]?.split(', ').map((k) => Number(/^KEYS\[(\d+)\]$/.exec(k)?.[1]));
    expect(ackKeys?.map((i) => call.keys[i - 1])).toEqual(headerKeys('ack.lua', keys));
    // take.lua gets ack-take's KEYS themselves: its own lead them, in its order.
    expect(source).toContain('take(KEYS, takeArgv)');
    const takeKeys = headerKeys('take.lua', keys);
    expect(call.keys.slice(0, takeKeys.length)).toEqual(takeKeys);
    // ARGV: the count of ack.lua's values, ack.lua's ARGV, then take.lua's ARGV.
    const ackArgv = calls.ackCall(q, -1, [{ ...lease, processingMs: 1 }]).argv;
    expect(call.argv).toEqual([ackArgv.length, ...ackArgv, ...take.argv]);
  });

  it('builds each KEYS array once per queue: calls of one queue share it', () => {
    expect(calls.takeCall(q, -1, 5, 10, 'x.', -1).keys).toBe(take.keys);
    expect(calls.countCall(q, 5).keys).toBe(calls.countCall(q, 6).keys);
  });
});
