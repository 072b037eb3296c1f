--[[
  purge: removes every ready, delayed and leased record of one queue. Dead letters and counters stay.

  KEYS[1]     records hash    id -> record value (every waiting or leased record is here)
  KEYS[2]     delayed zset
  KEYS[3]     leases zset
  KEYS[4..13] ready lists     priority 1..10

  Returns the number of records removed.
]]
local removed = redis.call('HLEN', KEYS[1])
redis.call('UNLINK', unpack(KEYS))
return removed
