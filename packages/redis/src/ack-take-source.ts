/**
 * The Lua source of ack-take: ack.lua and then take.lua in one script call, so a consumer that
 * finished a batch acks it and takes the next batch in one round trip. Each script runs as a
 * local function with its own KEYS and ARGV, unchanged, so ack-take cannot drift from the two.
 *
 *   KEYS[1..13]  take.lua's keys (records, delayed, leases, ready lists 1..10)
 *   KEYS[14]     counters hash (ack.lua's KEYS[3])
 *   ARGV[1]      n: how many of the following values are ack.lua's ARGV
 *   ARGV[2..n+1] ack.lua's ARGV (now, then 3 values per lease)
 *   ARGV[n+2..]  take.lua's ARGV
 *
 * Returns { ack.lua's reply, take.lua's reply }.
 */
export function ackTakeSource(ackLua: string, takeLua: string): string {
  return [
    'local function ack(KEYS, ARGV)',
    ackLua,
    'end',
    'local function take(KEYS, ARGV)',
    takeLua,
    'end',
    'local n = tonumber(ARGV[1])',
    'local ackArgv, takeArgv = {}, {}',
    'for i = 2, n + 1 do ackArgv[#ackArgv + 1] = ARGV[i] end',
    'for i = n + 2, #ARGV do takeArgv[#takeArgv + 1] = ARGV[i] end',
    'local acked = ack({ KEYS[1], KEYS[3], KEYS[14] }, ackArgv)',
    'return { acked, take({ unpack(KEYS, 1, 13) }, takeArgv) }',
    '',
  ].join('\n');
}
