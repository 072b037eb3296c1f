--[[
  list-dead-letters: a page of dead letters, oldest first, without changing anything.

  Dead value: <priority-1><attempts>,<failedAt hex>,<error length>,<error><data>

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
    local _, hend, p, a, f, e = string.find(v, '^(%d)(%d+),(%x+),(%d+),')
    local body = string.sub(v, hend + 1)
    local o = #out
    out[o + 1], out[o + 2], out[o + 3] = ids[i], tonumber(p) + 1, tonumber(a)
    out[o + 4], out[o + 5], out[o + 6] = tonumber(f, 16), string.sub(body, 1, tonumber(e)), string.sub(body, tonumber(e) + 1)
  end
end
return out
