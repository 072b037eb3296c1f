import { keyPositions } from './script-keys.js';

/**
 * The Lua source of ack-take: ack.lua and then take.lua in one script call, so a consumer that
 * finished a batch acks it and takes the next batch in one round trip. Each script runs as a
 * local function with its own KEYS and ARGV, unchanged, so ack-take cannot drift from the two.
 *
 *   KEYS         SCRIPT_KEYS.ackTake: take.lua's keys (records, delayed, leases, ready lists 1..10),
 *                then counters hash (ack.lua's KEYS[3]); each part's KEYS are picked by name
 *   ARGV[1]      n: how many of the following values are ack.lua's ARGV
 *   ARGV[2..n+1] ack.lua's ARGV (now, then 3 values per lease)
 *   ARGV[n+2..]  take.lua's ARGV
 *
 * Returns { ack.lua's reply, take.lua's reply }.
 */
export function ackTakeSource(ackLua: string, takeLua: string): string {
  const all = keyPositions('ackTake');
  const take = [...keyPositions('take').keys()];
  // take.lua's KEYS lead, in its order: handed over as one range.
  take.forEach((name, i) => {
    if (all.get(name) !== i + 1) throw new Error(`ack-take: take.lua's key ${name} is not at KEYS[${i + 1}]`);
  });
  const ack = [...keyPositions('ack').keys()].map((name) => {
    const position = all.get(name);
    if (position === undefined) throw new Error(`ack-take: ack.lua's key ${name} is missing`);
    return `KEYS[${position}]`;
  });
  return [
    'local function ack(KEYS, ARGV)',
    ackLua,
    'end',
    'local function take(KEYS, ARGV)',
    takeLua,
    'end',
    'local n = tonumber(ARGV[1])',
    // Counted appends, not #t + 1 (a binary search in Lua 5.1).
    'local ackArgv, takeArgv, a, t = {}, {}, 0, 0',
    'for i = 2, n + 1 do a = a + 1; ackArgv[a] = ARGV[i] end',
    'for i = n + 2, #ARGV do t = t + 1; takeArgv[t] = ARGV[i] end',
    `local acked = ack({ ${ack.join(', ')} }, ackArgv)`,
    // take.lua's KEYS lead (checked above) and it reads them by position only: KEYS itself, not a copy.
    'return { acked, take(KEYS, takeArgv) }',
    '',
  ].join('\n');
}
