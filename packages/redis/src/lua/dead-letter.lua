--[[
  dead-letter: moves leased records to the dead-letter store with an error, for a batch of leases.

  Record and dead values: the layouts in prelude.lua (unpackRecord, packDead).

  KEYS[1]   records hash        id -> record value
  KEYS[2]   leases zset         id scored by lease expiry (ms)
  KEYS[3]   dead-letters hash   id -> dead value
  KEYS[4]   dead order zset     id scored by the dead-letter sequence (oldest first)
  KEYS[5]   counters hash       field y = dead-letter sequence
  KEYS[6]   dedup hash          deduplication holds (prelude.lua): a dead letter releases its key
  KEYS[7]   group-of hash       id -> groupId (group-prelude.lua: fair groups): a dead letter keeps its group
  KEYS[8]   group counts hash   leases per group: a dead letter's group holds one less
  KEYS[9]   delayed zset        a record held back behind a dead letter is released (prelude.lua, unparkId)
  ARGV[1]   now (ms since epoch), or -1 to use the server's TIME
  ARGV[2..] 4 values per lease: id, lease token, refund (1 = subtract the delivery this lease
            counted: the take found the record out of attempts, its handler never ran; else 0),
            error text

  Returns one integer per lease, in order: 1 = dead-lettered, 0 = lease not held (nothing changed).
]]
local now = resolveNow(ARGV[1])
local records, leases, dead, order, counters = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
-- Counted appends, not t[#t + 1] (a binary search in Lua 5.1): see take.lua.
local ids, tokens, count = {}, {}, 0
for i = 2, #ARGV, 4 do
  count = count + 1
  ids[count], tokens[count] = ARGV[i], ARGV[i + 1]
end
local held = heldRecords(records, leases, ids, tokens, now)
local result, moved = {}, {}
for n = 1, count do
  local id, v, refund, err = ids[n], held[n], ARGV[4 * n], ARGV[4 * n + 1]
  result[n] = 0
  if v then
    result[n] = 1
    local p, attempts, _, tokenLength, errorField, pos = unpackRecord(v)
    if refund == '1' and attempts > 0 then attempts = attempts - 1 end
    local data = string.sub(v, pos + tokenLength)
    if errorField > 0 then data = string.sub(data, errorField) end
    redis.call('HDEL', records, id)
    redis.call('ZREM', leases, id)
    redis.call('HSET', dead, id, packDead(p, attempts, now, err, data))
    redis.call('ZADD', order, redis.call('HINCRBY', counters, 'y', 1), id)
    moved[#moved + 1] = id
  end
end
releaseHolds(KEYS[6], moved, true, now, records, KEYS[9])
groupsSettled(KEYS[7], KEYS[8], moved, false)
return result
