--[[
  list-dead-letters: a page of dead letters, oldest first, without changing anything.

  Dead value (struct format >HI6I4, 12 bytes, then variable parts):
    (priority - 1) * 4096 + attempts | failedAt ms | error length .. error .. data

  KEYS[1]   dead-letters hash   id -> dead value
  KEYS[2]   dead order zset     id scored by the dead-letter sequence
  ARGV[1]   offset (>= 0)
  ARGV[2]   limit (>= 1)

  Returns a flat array, 6 values per dead letter: id, priority, attempts, failedAt (ms), error, data.
]]
local ids = redis.call('ZRANGE', KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[1]) + tonumber(ARGV[2]) - 1)
if #ids == 0 then return {} end
local values = redis.call('HMGET', KEYS[1], unpack(ids))
local out = {}
for i = 1, #ids do
  local v = values[i]
  if v then
    local pa, failedAt, elen, pos = struct.unpack('>HI6I4', v)
    local o = #out
    out[o + 1], out[o + 2], out[o + 3] = ids[i], math.floor(pa / 4096) + 1, pa % 4096
    out[o + 4], out[o + 5], out[o + 6] = failedAt, string.sub(v, pos, pos + elen - 1), string.sub(v, pos + elen)
  end
end
return out
