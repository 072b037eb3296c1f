--[[
  purge-dead-letters: deletes dead letters (all of them, or the ids given).

  KEYS[1]   dead-letters hash   id -> dead value
  KEYS[2]   dead order zset     id scored by the dead-letter sequence
  KEYS[3]   dedup hash          field 'i' .. id of a purged dead letter is removed (prelude.lua)
  KEYS[4]   window hash         the purged ids are remembered (prelude-window.lua, rememberIds)
  ARGV[1]   now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]   idempotency window (ms; 0 = off)
  ARGV[3]   "all" to delete every dead letter, or "ids" to delete ARGV[4..]
  ARGV[4..] ids

  Returns how many dead letters were deleted.
]]
local keyed = redis.call('EXISTS', KEYS[3]) == 1
local windowMs = tonumber(ARGV[2])
if ARGV[3] == 'all' then
  local removed = redis.call('ZCARD', KEYS[2])
  if windowMs > 0 and removed > 0 then rememberIds(KEYS[4], windowMs, redis.call('HKEYS', KEYS[1]), resolveNow(ARGV[1])) end
  if keyed then
    local ids = redis.call('HKEYS', KEYS[1])
    for n = 1, #ids do redis.call('HDEL', KEYS[3], 'i' .. ids[n]) end
  end
  redis.call('UNLINK', KEYS[1], KEYS[2])
  return removed
end
local removed, gone = 0, {}
for i = 4, #ARGV do
  if redis.call('HDEL', KEYS[1], ARGV[i]) == 1 then
    redis.call('ZREM', KEYS[2], ARGV[i])
    if keyed then redis.call('HDEL', KEYS[3], 'i' .. ARGV[i]) end
    removed = removed + 1
    gone[removed] = ARGV[i]
  end
end
if windowMs > 0 then rememberIds(KEYS[4], windowMs, gone, resolveNow(ARGV[1])) end
return removed
