--[[
  count: the counts of one queue, without changing anything.

  A delayed record that is due now and a lease that expired count as ready.

  KEYS[1..10] ready lists         priority 1..10
  KEYS[11]    delayed zset        id scored by due time (ms) + sequence fraction
  KEYS[12]    leases zset         id scored by lease expiry (ms)
  KEYS[13]    dead order zset     one member per dead letter
  KEYS[14]    counters hash       field c = completed, field t = total processing ms, u = paused
  KEYS[15]    records hash        id -> record value (prelude.lua), read for the heads of the ready lists
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME

  Returns {ready, delayed, processing, dead, completed, processingMsTotal, oldestReadyAgeMs, paused (1/0)}:
  the last is how long (ms) the earliest-available of these has been ready: the head of each ready
  list, the first due delayed record, the first expired lease; -1 when none is ready. Bounded:
  at most 10 LINDEX and 10 HGET.
]]
local now = resolveNow(ARGV[1])
local ready = 0
for i = 1, 10 do ready = ready + redis.call('LLEN', KEYS[i]) end
local dueNow = redis.call('ZCOUNT', KEYS[11], '-inf', '(' .. (now + 1))
local delayed = redis.call('ZCARD', KEYS[11]) - dueNow
local expired = redis.call('ZCOUNT', KEYS[12], '-inf', '(' .. now)
local processing = redis.call('ZCARD', KEYS[12]) - expired
local dead = redis.call('ZCARD', KEYS[13])
local counters = redis.call('HMGET', KEYS[14], 'c', 't', 'u')
local oldest = -1
local function older(at)
  if oldest < 0 or at < oldest then oldest = at end
end
for i = 1, 10 do
  local id = redis.call('LINDEX', KEYS[i], 0)
  if id then
    local v = redis.call('HGET', KEYS[15], id)
    if v then
      local _, _, availableAt = unpackRecord(v)
      older(availableAt)
    end
  end
end
if dueNow > 0 then older(tonumber(redis.call('ZRANGE', KEYS[11], 0, 0, 'WITHSCORES')[2])) end
if expired > 0 then older(tonumber(redis.call('ZRANGE', KEYS[12], 0, 0, 'WITHSCORES')[2])) end
local age = -1
if oldest >= 0 then age = math.max(0, math.floor(now - oldest)) end
return { ready + dueNow + expired, delayed, processing, dead, tonumber(counters[1] or '0'), tonumber(counters[2] or '0'), age, counters[3] and 1 or 0 }
