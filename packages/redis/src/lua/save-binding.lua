--[[
  save-binding: stores (or replaces) one routing binding and moves the bindings version on.

  KEYS[1]   bindings hash      binding id -> binding text (written and read by the core)
  KEYS[2]   bindings version   string, a count of changes
  ARGV[1]   binding id
  ARGV[2]   binding text

  Returns the new version.
]]
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return redis.call('INCR', KEYS[2])
