--[[
  declare-queue: stores a queue's settings once, for every process (declareQueue, partitioned
  queues: docs/scaling.md), or reads them. Field n of the counters hash holds the partition count;
  delete-queue.lua deletes the hash, so deleting a queue forgets its settings. Purge keeps them.

  KEYS[1]   counters hash   field n = partitions, once declared
  ARGV[1]   partitions to store when none are (>= 1), or 0 to read only

  Returns the stored partition count, or false (nil) when none is stored (read only).
]]
if ARGV[1] ~= '0' then redis.call('HSETNX', KEYS[1], 'n', ARGV[1]) end
return redis.call('HGET', KEYS[1], 'n')
