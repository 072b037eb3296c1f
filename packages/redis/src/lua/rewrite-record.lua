--[[
  rewrite-record: replaces the data of one waiting record or dead letter if it is still the data
  expected (compare-and-set); its priority, attempts, due time, last error and place stay.
  Record and dead values: the layouts in prelude.lua (unpackRecord, unpackDead).

  KEYS[1]   records hash        id -> record value
  KEYS[2]   leases zset         id scored by lease expiry (ms)
  KEYS[3]   dead-letters hash   id -> dead value
  ARGV[1]   id
  ARGV[2]   the data expected
  ARGV[3]   the new data

  Returns 1 when rewritten; 0 (nothing changed) when the record is leased, gone, or its data differs.
]]
local id = ARGV[1]
local v = redis.call('HGET', KEYS[1], id)
if v then
  if redis.call('ZSCORE', KEYS[2], id) then return 0 end
  local _, _, _, tokenLength, errorField, pos = unpackRecord(v)
  local head = pos + tokenLength - 1
  if errorField > 0 then head = head + errorField - 1 end
  if string.sub(v, head + 1) ~= ARGV[2] then return 0 end
  redis.call('HSET', KEYS[1], id, string.sub(v, 1, head) .. ARGV[3])
  return 1
end
v = redis.call('HGET', KEYS[3], id)
if not v then return 0 end
local _, _, _, errorLength, pos = unpackDead(v)
local head = pos + errorLength - 1
if string.sub(v, head + 1) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[3], id, string.sub(v, 1, head) .. ARGV[3])
return 1
