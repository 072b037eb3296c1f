--[[
  delete-queue: removes one queue entirely: every ready, delayed and leased record, its dead
  letters and its counters. The caller then removes the name from the queue registry (another
  slot on Redis Cluster, so another call).

  KEYS[1..n]  every key of the queue (records, delayed, leases, dead letters, dead order,
              counters, ready lists 1..10)

  Returns the number of keys that existed.
]]
return redis.call('UNLINK', unpack(KEYS))
