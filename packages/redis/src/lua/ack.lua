--[[
  ack: removes leased records as completed, for a batch of leases.

  A lease is held when the record's stored token matches and now <= its lease expiry.
  Record values: the layout in prelude.lua.

  KEYS[1]   records hash    id -> record value
  KEYS[2]   leases zset     id scored by lease expiry (ms)
  KEYS[3]   counters hash   field c = completed, field t = total processing ms
  KEYS[4]   dedup hash      deduplication holds (prelude.lua): a completed record releases its key
  KEYS[5]   group-of hash   id -> groupId (group-prelude.lua: fair groups): a completed record leaves it
  KEYS[6]   group counts hash  leases per group: a completed record's group holds one less
  KEYS[7]   window hash     a completed record's id is remembered (prelude-window.lua, rememberIds)
  KEYS[8]   delayed zset    a record held back behind a completed one is released (prelude.lua, unparkId)
  ARGV[1]   now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]   idempotency window (ms; 0 = off)
  ARGV[3..] 3 values per lease: id, lease token, processing ms (integer >= 0)

  Returns one integer per lease, in order: 1 = completed, 0 = lease not held (nothing changed).
]]
local now = resolveNow(ARGV[1])
local records, leases, counters = KEYS[1], KEYS[2], KEYS[3]
-- Counted appends, not t[#t + 1] (a binary search in Lua 5.1): see take.lua.
local ids, tokens, count = {}, {}, 0
for i = 3, #ARGV, 3 do
  count = count + 1
  ids[count], tokens[count] = ARGV[i], ARGV[i + 1]
end
local held = heldRecords(records, leases, ids, tokens, now)
local result, removed, nremoved, totalMs = {}, {}, 0, 0
for n = 1, count do
  result[n] = 0
  if held[n] then
    result[n] = 1
    nremoved = nremoved + 1
    removed[nremoved] = ids[n]
    totalMs = totalMs + tonumber(ARGV[3 * n + 2])
  end
end
if nremoved > 0 then
  redis.call('HDEL', records, unpack(removed))
  redis.call('ZREM', leases, unpack(removed))
  redis.call('HINCRBY', counters, 'c', nremoved)
  if totalMs > 0 then redis.call('HINCRBY', counters, 't', totalMs) end
  -- Deduplication holds and fair groups: one EXISTS of both when the queue uses neither.
  if redis.call('EXISTS', KEYS[4], KEYS[5]) > 0 then
    releaseHolds(KEYS[4], removed, false, now, records, KEYS[8])
    groupsSettled(KEYS[5], KEYS[6], removed, true)
  end
  rememberIds(KEYS[7], tonumber(ARGV[2]), removed, now)
end
return result
