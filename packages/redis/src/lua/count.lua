--[[
  count: the counts of one queue, without changing anything.

  A delayed record that is due now and a lease that expired count as ready.

  KEYS[1..10] ready lists         priority 1..10
  KEYS[11]    delayed zset        id scored by due time (ms) + sequence fraction
  KEYS[12]    leases zset         id scored by lease expiry (ms)
  KEYS[13]    dead order zset     one member per dead letter
  KEYS[14]    counters hash       field c = completed, field t = total processing ms
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME

  Returns {ready, delayed, processing, dead, completed, processingMsTotal}.
]]
local now = resolveNow(ARGV[1])
local ready = 0
for i = 1, 10 do ready = ready + redis.call('LLEN', KEYS[i]) end
local dueNow = redis.call('ZCOUNT', KEYS[11], '-inf', '(' .. (now + 1))
local delayed = redis.call('ZCARD', KEYS[11]) - dueNow
local expired = redis.call('ZCOUNT', KEYS[12], '-inf', '(' .. now)
local processing = redis.call('ZCARD', KEYS[12]) - expired
local dead = redis.call('ZCARD', KEYS[13])
local counters = redis.call('HMGET', KEYS[14], 'c', 't')
return { ready + dueNow + expired, delayed, processing, dead, tonumber(counters[1] or '0'), tonumber(counters[2] or '0') }
