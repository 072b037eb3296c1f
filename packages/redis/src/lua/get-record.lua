--[[
  get-record: one record of a queue in any state, for the admin API; read-only.
  Record and dead values: the layouts in prelude.lua (recordView).

  KEYS[1]   records hash        id -> record value
  KEYS[2]   delayed zset        id scored by due time (ms) + sequence fraction
  KEYS[3]   leases zset         id scored by lease expiry (ms)
  KEYS[4]   dead-letters hash   id -> dead value
  ARGV[1]   id

  Returns false when the queue holds no record `id`, else {state, data, priority, attempts,
  availableAt, leaseExpiresAt (-1), lastError or false, failedAt (-1), error or false}; state is
  "processing" (leased, also once the lease expired until a take moves it), "delayed" (also when due,
  until a take moves it), "ready" or "dead".
]]
local id = ARGV[1]
local v = redis.call('HGET', KEYS[1], id)
if v then
  local lease = redis.call('ZSCORE', KEYS[3], id)
  local state = 'ready'
  if lease then state = 'processing' elseif redis.call('ZSCORE', KEYS[2], id) then state = 'delayed' end
  return { state, recordView(v, false, lease) }
end
local dead = redis.call('HGET', KEYS[4], id)
if not dead then return false end
return { 'dead', recordView(dead, true, false) }
