--[[
  peek-ready: what a take of this queue would start with now, read-only; a take of a partitioned
  queue peeks every partition and visits the best first (core: partition-take.ts).

  KEYS[1]     delayed zset    id scored by due time (ms) + sequence fraction
  KEYS[2]     leases zset     id scored by lease expiry (ms)
  KEYS[3..12] ready lists     priority 1..10
  KEYS[13..22] group rings    priority 1..10 (group-prelude.lua: fair groups)
  KEYS[23]    counters hash   field u set while the queue is paused: nothing to take then
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME

  Returns {priority, count}: the highest level with ready records (1..10) and how many are ready
  there (its list's length plus one per group in its ring: a group held at its groupConcurrency
  counts too, so the take may get fewer; a take that gets none leaves the wait to check-work.lua,
  which knows held groups); else {11, 1} when a delayed record is due or a lease expired (a take
  moves them before it knows their priority); else {0, 0}.
  At most 22 reads.
]]
local now = resolveNow(ARGV[1])
if redis.call('HEXISTS', KEYS[23], 'u') == 1 then return { 0, 0 } end
for p = 10, 1, -1 do
  local count = redis.call('LLEN', KEYS[2 + p]) + redis.call('ZCARD', KEYS[12 + p])
  if count > 0 then return { p, count } end
end
local z = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if z[2] and math.floor(tonumber(z[2])) <= now then return { 11, 1 } end
local l = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if l[2] and tonumber(l[2]) + 1 <= now then return { 11, 1 } end
return { 0, 0 }
