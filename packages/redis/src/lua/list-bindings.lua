--[[
  list-bindings: every routing binding and the version of that set, read together.

  KEYS[1]   bindings hash      binding id -> binding text
  KEYS[2]   bindings version   string, a count of changes (missing: 0)

  Returns { version, id1, text1, id2, text2, … }.
]]
local out = { tonumber(redis.call('GET', KEYS[2]) or '0') }
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all do out[i + 1] = all[i] end
return out
