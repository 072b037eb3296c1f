--[[
  set-priority: the admin API's priority change. A ready record moves to the back of its new
  priority's ready list (LREM from the old one: O(list length)); a delayed record keeps its due time
  and is moved by the take that finds it due. Leased and dead records are left alone.

  KEYS[1]      records hash        id -> record value
  KEYS[2]      delayed zset        id scored by due time (ms) + sequence fraction
  KEYS[3]      leases zset         id scored by lease expiry (ms)
  KEYS[4..13]  ready lists         priority 1..10
  KEYS[14]     dead-letters hash   id -> dead value
  ARGV[1]      the new priority (1..10)
  ARGV[2..]    ids

  Returns one letter per id, in order: d (done, also when it had that priority), n (not found),
  w (wrong state: leased or dead).
]]
local priority = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV do
  local id = ARGV[i]
  local v = redis.call('HGET', KEYS[1], id)
  if v and not redis.call('ZSCORE', KEYS[3], id) then
    local p, attempts, availableAt, tokenLength, errorField, pos = unpackRecord(v)
    if p ~= priority then
      redis.call('HSET', KEYS[1], id, packRecord(priority, attempts, availableAt, string.sub(v, pos, pos + tokenLength - 1), errorField, string.sub(v, pos + tokenLength)))
      if not redis.call('ZSCORE', KEYS[2], id) and redis.call('LREM', KEYS[3 + p], 1, id) == 1 then redis.call('RPUSH', KEYS[3 + priority], id) end
    end
    out[#out + 1] = 'd'
  elseif v or redis.call('HEXISTS', KEYS[14], id) == 1 then
    out[#out + 1] = 'w'
  else
    out[#out + 1] = 'n'
  end
end
return out
