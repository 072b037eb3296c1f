--[[
  set-paused: pauses or resumes taking from a queue, for every process: field u of the counters
  hash is set while paused (take.lua leases nothing, check-work.lua says no work, count.lua reports
  it). Enqueues go on. A resume publishes "0" on the wake channel so idle consumers take again.

  KEYS[1]   counters hash   field u = paused
  ARGV[1]   1 to pause, 0 to resume
  ARGV[2]   wake channel

  Returns 1.
]]
if ARGV[1] == '1' then
  redis.call('HSET', KEYS[1], 'u', '1')
else
  redis.call('HDEL', KEYS[1], 'u')
  redis.call('PUBLISH', ARGV[2], '0')
end
return 1
