--[[
  check-work: tells a waiting consumer whether work is there now, and when the next work falls due.

  Read-only. A delayed record falls due at its due time; an expired lease can be reclaimed one
  millisecond after its expiry.

  KEYS[1]     delayed zset    id scored by due time (ms) + sequence fraction
  KEYS[2]     leases zset     id scored by lease expiry (ms)
  KEYS[3..12] ready lists     priority 1..10
  KEYS[13]    counters hash   field u set while the queue is paused: no work then
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME

  Returns {ready, nextDue, now}: ready = 1 when a record is ready or due now, else 0;
  nextDue = the next due time (ms), or -1 when nothing waits; now = the time used (ms).
]]
local now = resolveNow(ARGV[1])
if redis.call('HEXISTS', KEYS[13], 'u') == 1 then return { 0, -1, now } end
if redis.call('EXISTS', unpack(KEYS, 3, 12)) > 0 then return { 1, now, now } end
local nextDue = -1
local z = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if z[2] then nextDue = math.floor(tonumber(z[2])) end
local l = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if l[2] and (nextDue < 0 or tonumber(l[2]) + 1 < nextDue) then nextDue = tonumber(l[2]) + 1 end
if nextDue >= 0 and nextDue <= now then return { 1, nextDue, now } end
return { 0, nextDue, now }
