--[[
  delete-queue: removes one queue entirely: every ready, delayed and leased record, its dead
  letters and its counters. The caller then removes the name from the queue registry (another
  slot on Redis Cluster, so another call).

  KEYS[1]      records hash
  KEYS[2]      delayed zset
  KEYS[3]      leases zset
  KEYS[4]      dead-letters hash
  KEYS[5]      dead order zset
  KEYS[6]      counters hash
  KEYS[7..16]  ready lists       priority 1..10
  KEYS[17]     dedup hash
  KEYS[18]     dedup expiry zset
  KEYS[19]     group-of hash     (group-prelude.lua: fair groups)
  KEYS[20]     group counts hash
  KEYS[21..30] group rings       priority 1..10; the rings' group lists are deleted first
  KEYS[31]     window hash       ids remembered by the idempotency window: forgotten

  Returns the number of keys that existed.
]]
local lists = unlinkGroupLists({ unpack(KEYS, 21, 30) })
return lists + redis.call('UNLINK', unpack(KEYS))
