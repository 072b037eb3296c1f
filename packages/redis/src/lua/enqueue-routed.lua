--[[
  enqueue-routed: stores the copies of one published message, one record per target queue, in one
  call (routing rules, docs/routing.md). On Redis Cluster the provider sends one call per slot,
  with the targets of that slot.

  Checks every target first, then writes: a target that already holds the copy's id (waiting,
  leased or dead: a retried publish) gets nothing and is reported; the others are stored as
  enqueue.lua stores a record (the layout in prelude.lua), and wake their consumers alike.

  KEYS[16i-15..16i]  target i (i = 1..n): records hash, dead-letters hash, delayed zset, leases
                     zset, counters hash (field q: delayed sequence), ready lists priority 1..10,
                     window hash (ids its idempotency window remembers, prelude-window.lua)
  KEYS[16n+1]        bindings version string; only when ARGV[2] >= 0
  ARGV[1]            now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]            the bindings version the copies were routed by; -1: not checked here
  ARGV[3]            n, the number of targets
  ARGV[4..3+6n]      per target, 6 values: wake channel, id, priority (1-10), delayMs (>= 0),
                     d, the index (1-based) of its data among the data values, and the target's
                     idempotency window (ms; 0 = off)
  ARGV[4+6n..]       the distinct data values: copies that store the same text (a publish without
                     payload stages) share one, so the payload crosses the wire once

  Returns { 0 } when the stored bindings version differs from ARGV[2] (nothing stored), else
  { 1, h1, …, hn }: hi = 1 when target i already held the id (nothing stored there), 2 when its
  window remembers the id (nothing stored there), 0 when stored.
]]
local now = resolveNow(ARGV[1])
local n = tonumber(ARGV[3])
local dataBase = 3 + 6 * n
local expected = tonumber(ARGV[2])
if expected >= 0 then
  local version = tonumber(redis.call('GET', KEYS[16 * n + 1]) or '0')
  if version ~= expected then return { 0 } end
end

local held = { 1 }
for i = 1, n do
  local k, a = 16 * (i - 1), 4 + 6 * (i - 1)
  local id = ARGV[a + 1]
  held[i + 1] = (redis.call('HEXISTS', KEYS[k + 1], id) == 1 or redis.call('HEXISTS', KEYS[k + 2], id) == 1) and 1 or 0
  local slots = held[i + 1] == 0 and windowSlots(KEYS[k + 16], tonumber(ARGV[a + 5]), now)
  if slots and rememberedIds(KEYS[k + 16], slots, { id }) then held[i + 1] = 2 end
end

for i = 1, n do
  if held[i + 1] == 0 then
    local k, a = 16 * (i - 1), 4 + 6 * (i - 1)
    local wake, id, priority, delayMs, data = ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), ARGV[dataBase + tonumber(ARGV[a + 4])]
    local availableAt = now + delayMs
    redis.call('HSET', KEYS[k + 1], id, packRecord(priority, 0, availableAt, '', 0, data))
    if delayMs > 0 then
      local earliest = nil
      local z = redis.call('ZRANGE', KEYS[k + 3], 0, 0, 'WITHSCORES')
      if z[2] then earliest = math.floor(tonumber(z[2])) end
      local l = redis.call('ZRANGE', KEYS[k + 4], 0, 0, 'WITHSCORES')
      if l[2] and (earliest == nil or tonumber(l[2]) + 1 < earliest) then earliest = tonumber(l[2]) + 1 end
      local seq = redis.call('HINCRBY', KEYS[k + 5], 'q', 1)
      redis.call('ZADD', KEYS[k + 3], availableAt + (seq % 1024) / 1024, id)
      if earliest == nil or availableAt < earliest then redis.call('PUBLISH', wake, string.format('%d', availableAt)) end
    else
      local readyBefore = redis.call('EXISTS', unpack(KEYS, k + 6, k + 15)) > 0
      redis.call('RPUSH', KEYS[k + 5 + priority], id)
      if not readyBefore then redis.call('PUBLISH', wake, '0') end
    end
  end
end
return held
