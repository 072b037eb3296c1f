--[[
  remove-binding: removes one routing binding; the bindings version moves on only when it was there.

  KEYS[1]   bindings hash      binding id -> binding text
  KEYS[2]   bindings version   string, a count of changes
  ARGV[1]   binding id

  Returns 1 when it was removed, 0 when no binding had that id.
]]
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('INCR', KEYS[2])
return 1
