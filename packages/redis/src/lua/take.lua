--[[
  take: moves due delayed records to the ready lists, returns records whose lease expired to the
  front of their ready lists (in their old order: they were taken before anything still waiting),
  then leases up to `max` ready records, highest priority first, FIFO within one.

  Record values: the layout in prelude.lua (unpackRecord, packRecord).

  KEYS[1]     records hash    id -> record value
  KEYS[2]     delayed zset    id scored by due time (ms) + sequence fraction
  KEYS[3]     leases zset     id scored by lease expiry (ms); a lease holds while now <= expiry
  KEYS[4..13] ready lists     priority 1..10, FIFO
  KEYS[14]    counters hash   field u set while the queue is paused (set-paused.lua)
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]     max records to take (>= 1)
  ARGV[3]     lease duration (ms)
  ARGV[4]     lease token prefix, unique per call (the i-th record gets prefix .. i)
  ARGV[5]     wake channel
  ARGV[6]     at most this many delayed records and expired leases are moved per call
  ARGV[7]     give up at (server ms): when the script runs later than this, its caller has stopped
              waiting (the command timed out behind a network fault), so it leases nothing and
              answers { now, now }; -1 = no limit

  While the queue is paused it leases and moves nothing and answers { now, -1, now }.
  Returns a flat array: now (ms), the next due time (ms; -1 when nothing waits, or when `max`
  records were taken), the lease expiry of every taken record (ms), then 5 values per record:
    id, code ((priority - 1) * 4096 + attempts, prelude.lua), availableAt (ms), error or false, data
  The i-th record's lease token is the prefix .. i (the caller knows the prefix).
  Publishes the new leases' due time (expiry + 1) on the wake channel when nothing else that
  waits falls due before it and no record is left ready, so idle consumers elsewhere arm a timer
  for the lease.
]]
local now = resolveNow(ARGV[1])
local giveUpAt = tonumber(ARGV[7])
if giveUpAt >= 0 and now > giveUpAt then return { now, now, now } end
if redis.call('HEXISTS', KEYS[14], 'u') == 1 then return { now, -1, now } end
local records, delayed, leases = KEYS[1], KEYS[2], KEYS[3]
local max, leaseMs, tokenPrefix, limit = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[6])

local function push(byPriority)
  for p, list in pairs(byPriority) do
    for first = 1, #list, 1000 do
      redis.call('RPUSH', KEYS[3 + p], unpack(list, first, math.min(first + 999, #list)))
    end
  end
end

-- Expired leases go back ahead of the backlog: their consumer died, they did not fail.
local function pushFront(byPriority)
  for p, list in pairs(byPriority) do
    local reversed = {}
    for i = #list, 1, -1 do reversed[#reversed + 1] = list[i] end
    for first = 1, #reversed, 1000 do
      redis.call('LPUSH', KEYS[3 + p], unpack(reversed, first, math.min(first + 999, #reversed)))
    end
  end
end

local due = redis.call('ZRANGEBYSCORE', delayed, '-inf', '(' .. (now + 1), 'LIMIT', 0, limit)
if #due > 0 then
  local byPriority = {}
  local values = redis.call('HMGET', records, unpack(due))
  for i = 1, #due do
    if values[i] then
      local p = recordPriority(values[i])
      byPriority[p] = byPriority[p] or {}
      table.insert(byPriority[p], due[i])
    end
  end
  redis.call('ZREM', delayed, unpack(due))
  push(byPriority)
end

local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', '(' .. now, 'LIMIT', 0, limit)
if #expired > 0 then
  local byPriority, fields, f = {}, {}, 0
  local values = redis.call('HMGET', records, unpack(expired))
  for i = 1, #expired do
    local v = values[i]
    if v then
      local p, attempts, _, tokenLength, errorField, pos = unpackRecord(v)
      f = f + 2
      fields[f - 1], fields[f] = expired[i], packRecord(p, attempts, now, '', errorField, string.sub(v, pos + tokenLength))
      byPriority[p] = byPriority[p] or {}
      table.insert(byPriority[p], expired[i])
    end
  end
  redis.call('ZREM', leases, unpack(expired))
  if f > 0 then redis.call('HSET', records, unpack(fields)) end
  pushFront(byPriority)
end

local expiresAt = now + leaseMs
local out, fields, scored, n = { now, -1, expiresAt }, {}, {}, 0
-- Formatted once: Lua would format the number again for every ZADD member.
local expiresAtText = string.format('%d', expiresAt)
local anyReady = redis.call('EXISTS', unpack(KEYS, 4, 13)) > 0
local firstLease = {}
if anyReady then firstLease = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES') end
for p = 10, 1, -1 do
  if n >= max or not anyReady then break end
  local ids = redis.call('LPOP', KEYS[3 + p], max - n)
  if ids then
    local values = redis.call('HMGET', records, unpack(ids))
    for i = 1, #ids do
      local v = values[i]
      if v then
        n = n + 1
        local _, attempts, availableAt, tokenLength, errorField, pos, code = unpackRecord(v)
        -- One more delivery, up to the most the code holds.
        if attempts < 4095 then
          attempts = attempts + 1
          code = code + 1
        end
        local token = tokenPrefix .. n
        local body = string.sub(v, pos + tokenLength)
        local err, data = false, body
        if errorField > 0 then
          err = string.sub(body, 1, errorField - 1)
          data = string.sub(body, errorField)
        end
        -- Positions from n, not #t: Lua 5.1's # is a binary search (about 45 ns more per append on
        -- Redis 7.0), which pays for the prelude's function calls.
        fields[2 * n - 1], fields[2 * n] = ids[i], packRecord(p, attempts, availableAt, token, errorField, body)
        scored[2 * n - 1], scored[2 * n] = expiresAtText, ids[i]
        local o = 5 * n - 2
        out[o + 1], out[o + 2], out[o + 3], out[o + 4], out[o + 5] = ids[i], code, availableAt, err, data
      end
    end
  end
end
if n > 0 then
  redis.call('HSET', records, unpack(fields))
  redis.call('ZADD', leases, unpack(scored))
end

if n < max or (n > 0 and (firstLease[2] == nil or tonumber(firstLease[2]) > expiresAt)) then
  local nextDue = -1
  local z = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
  if z[2] then nextDue = math.floor(tonumber(z[2])) end
  -- Only a consumer that saw the ready lists empty waits for this; while records remain ready,
  -- every waiter is woken by them and learns the lease's expiry from its own take.
  if n > 0 and (firstLease[2] == nil or tonumber(firstLease[2]) > expiresAt) and (nextDue < 0 or nextDue > expiresAt + 1)
    and (n < max or redis.call('EXISTS', unpack(KEYS, 4, 13)) == 0) then
    redis.call('PUBLISH', ARGV[5], string.format('%d', expiresAt + 1))
  end
  if n < max then
    local l = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES')
    if l[2] and (nextDue < 0 or tonumber(l[2]) + 1 < nextDue) then nextDue = tonumber(l[2]) + 1 end
    out[2] = nextDue
  end
end
return out
