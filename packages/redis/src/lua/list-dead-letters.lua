--[[
  list-dead-letters: a page of dead letters, oldest first, without changing anything.

  Dead values: the layout in prelude.lua (unpackDead).

  KEYS[1]   dead-letters hash   id -> dead value
  KEYS[2]   dead order zset     id scored by the dead-letter sequence
  ARGV[1]   offset (>= 0)
  ARGV[2]   limit (>= 1)

  Returns a flat array, 6 values per dead letter: id, priority, attempts, failedAt (ms), error, data.
]]
local ids = redis.call('ZRANGE', KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[1]) + tonumber(ARGV[2]) - 1)
if #ids == 0 then return {} end
local values = redis.call('HMGET', KEYS[1], unpack(ids))
-- Counted appends, not #out (a binary search in Lua 5.1): see take.lua.
local out, o = {}, 0
for i = 1, #ids do
  local v = values[i]
  if v then
    local priority, attempts, failedAt, errorLength, pos = unpackDead(v)
    out[o + 1], out[o + 2], out[o + 3] = ids[i], priority, attempts
    out[o + 4], out[o + 5], out[o + 6] = failedAt, string.sub(v, pos, pos + errorLength - 1), string.sub(v, pos + errorLength)
    o = o + 6
  end
end
return out
