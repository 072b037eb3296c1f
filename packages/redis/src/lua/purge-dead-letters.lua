--[[
  purge-dead-letters: deletes dead letters (all of them, or the ids given).

  KEYS[1]   dead-letters hash   id -> dead value
  KEYS[2]   dead order zset     id scored by the dead-letter sequence
  KEYS[3]   dedup hash          field 'i' .. id of a purged dead letter is removed (prelude.lua)
  KEYS[4]   group-of hash       a purged dead letter's group is forgotten (group-prelude.lua: fair groups)
  KEYS[5]   window hash         the purged ids are remembered (prelude-window.lua, rememberIds)
  ARGV[1]   now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]   idempotency window (ms; 0 = off)
  ARGV[3]   "all" to delete every dead letter, or "ids" to delete ARGV[4..]
  ARGV[4..] ids

  Returns how many dead letters were deleted.
]]
local keyed = redis.call('EXISTS', KEYS[3]) == 1
local grouped = redis.call('EXISTS', KEYS[4]) == 1
local windowMs = tonumber(ARGV[2])
if ARGV[3] == 'all' then
  local removed = redis.call('ZCARD', KEYS[2])
  if windowMs > 0 and removed > 0 then rememberIds(KEYS[5], windowMs, redis.call('HKEYS', KEYS[1]), resolveNow(ARGV[1])) end
  if keyed then
    local ids = redis.call('HKEYS', KEYS[1])
    for n = 1, #ids do redis.call('HDEL', KEYS[3], 'i' .. ids[n]) end
  end
  if grouped then
    local ids = redis.call('HKEYS', KEYS[1])
    for first = 1, #ids, 1000 do redis.call('HDEL', KEYS[4], unpack(ids, first, math.min(first + 999, #ids))) end
  end
  redis.call('UNLINK', KEYS[1], KEYS[2])
  return removed
end
local removed, gone = 0, {}
for i = 4, #ARGV do
  if redis.call('HDEL', KEYS[1], ARGV[i]) == 1 then
    redis.call('ZREM', KEYS[2], ARGV[i])
    if keyed then redis.call('HDEL', KEYS[3], 'i' .. ARGV[i]) end
    if grouped then redis.call('HDEL', KEYS[4], ARGV[i]) end
    removed = removed + 1
    gone[removed] = ARGV[i]
  end
end
if windowMs > 0 then rememberIds(KEYS[5], windowMs, gone, resolveNow(ARGV[1])) end
return removed
