--[[
  take: moves due delayed records to the ready lists, returns records whose lease expired to the
  front of their ready lists (in their old order: they were taken before anything still waiting),
  then leases up to `max` ready records, highest priority first, FIFO within one; at a level with
  a ring, groups in turn (fair groups: group-prelude.lua, takeTurns).

  Record values: the layout in prelude.lua (unpackRecord, packRecord).

  KEYS[1]     records hash    id -> record value
  KEYS[2]     delayed zset    id scored by due time (ms) + sequence fraction
  KEYS[3]     leases zset     id scored by lease expiry (ms); a lease holds while now <= expiry
  KEYS[4..13] ready lists     priority 1..10, FIFO
  KEYS[14]    group-of hash   id -> groupId (group-prelude.lua: fair groups)
  KEYS[15]    group counts hash  leases per group, '#' grouped ready, '!' a group passed over
  KEYS[16..25] group rings    priority 1..10: groupIds by turn; a group's list is ring .. ':' .. groupId
  KEYS[26]    counters hash   field u set while the queue is paused (set-paused.lua)
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]     max records to take (>= 1)
  ARGV[3]     lease duration (ms)
  ARGV[4]     lease token prefix, unique per call (the i-th record gets prefix .. i)
  ARGV[5]     wake channel
  ARGV[6]     at most this many delayed records and expired leases are moved per call
  ARGV[7]     give up at (server ms): when the script runs later than this, its caller has stopped
              waiting (the command timed out behind a network fault), so it leases nothing and
              answers { now, now }; -1 = no limit
  ARGV[8]     groupConcurrency: at most this many leases per group (0 = no limit)

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
if redis.call('HEXISTS', KEYS[26], 'u') == 1 then return { now, -1, now } end
local records, delayed, leases = KEYS[1], KEYS[2], KEYS[3]
local max, leaseMs, tokenPrefix, limit = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[6])
-- Fair groups (group-prelude.lua) cost a queue without any one EXISTS.
local grouped = redis.call('EXISTS', KEYS[14]) == 1

local function push(byPriority)
  for p, list in pairs(byPriority) do
    if grouped then
      readyGrouped(KEYS[15 + p], KEYS[3 + p], KEYS[15], list, groupsOf(KEYS[14], list), false)
    else
      for first = 1, #list, 1000 do
        redis.call('RPUSH', KEYS[3 + p], unpack(list, first, math.min(first + 999, #list)))
      end
    end
  end
end

-- Expired leases go back ahead of the backlog: their consumer died, they did not fail.
local function pushFront(byPriority)
  for p, list in pairs(byPriority) do
    if grouped then
      readyGrouped(KEYS[15 + p], KEYS[3 + p], KEYS[15], list, groupsOf(KEYS[14], list), true)
    else
      local reversed = {}
      for i = #list, 1, -1 do reversed[#reversed + 1] = list[i] end
      for first = 1, #reversed, 1000 do
        redis.call('LPUSH', KEYS[3 + p], unpack(reversed, first, math.min(first + 999, #reversed)))
      end
    end
  end
end

-- The first delayed record and the first lease, read once: on the common path (nothing due, no
-- lease expired) they answer the checks below and the next due time without another call.
local firstDelayed = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
local firstLease = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES')

if firstDelayed[2] and tonumber(firstDelayed[2]) < now + 1 then
  local due = redis.call('ZRANGEBYSCORE', delayed, '-inf', '(' .. (now + 1), 'LIMIT', 0, limit)
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
  firstDelayed = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
end

if firstLease[2] and tonumber(firstLease[2]) < now then
  local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', '(' .. now, 'LIMIT', 0, limit)
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
  if grouped then groupsSettled(KEYS[14], KEYS[15], expired, false) end
  pushFront(byPriority)
  firstLease = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES')
end

local expiresAt = now + leaseMs
local out, fields, scored, n = { now, -1, expiresAt }, {}, {}, 0
-- Formatted once: Lua would format the number again for every ZADD member.
local expiresAtText = string.format('%d', expiresAt)

-- Leases records `ids` (popped from level p) as out's next ones.
local function lease(p, ids)
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

-- Levels top down to bottom, of which `left` hold records (an EXISTS of their lists): an LPOP per
-- level until `left` levels answered, so no empty list is popped below the last one that holds any.
local function takeLevels(top, bottom, left)
  for p = top, bottom, -1 do
    if n >= max or left == 0 then return end
    local ids = redis.call('LPOP', KEYS[3 + p], max - n)
    if ids then
      left = left - 1
      lease(p, ids)
    end
  end
end

if grouped then
  local anyReady = redis.call('EXISTS', unpack(KEYS, 4, 13)) > 0 or redis.call('EXISTS', unpack(KEYS, 16, 25)) > 0
  for p = 10, 1, -1 do
    if n >= max or not anyReady then break end
    local ids
    if redis.call('EXISTS', KEYS[15 + p]) == 1 then
      ids = takeTurns(KEYS[15 + p], KEYS[3 + p], KEYS[15], max - n, tonumber(ARGV[8]), ARGV[5])
    else
      ids = redis.call('LPOP', KEYS[3 + p], max - n)
    end
    if ids then lease(p, ids) end
  end
else
  -- Without groups, one EXISTS of the lists above the default priority (5), that list itself,
  -- then one EXISTS of those below: a take at the default priority pops no empty list.
  takeLevels(10, 6, redis.call('EXISTS', unpack(KEYS, 9, 13)))
  takeLevels(5, 5, 1)
  if n < max then takeLevels(4, 1, redis.call('EXISTS', unpack(KEYS, 4, 7))) end
end
if n > 0 then
  redis.call('HSET', records, unpack(fields))
  redis.call('ZADD', leases, unpack(scored))
end

if n < max or (n > 0 and (firstLease[2] == nil or tonumber(firstLease[2]) > expiresAt)) then
  local nextDue = -1
  if firstDelayed[2] then nextDue = math.floor(tonumber(firstDelayed[2])) end
  -- Only a consumer that saw the ready lists empty waits for this; while records remain ready,
  -- every waiter is woken by them and learns the lease's expiry from its own take.
  if n > 0 and (firstLease[2] == nil or tonumber(firstLease[2]) > expiresAt) and (nextDue < 0 or nextDue > expiresAt + 1)
    and (n < max or redis.call('EXISTS', unpack(KEYS, 4, 13)) == 0) then
    redis.call('PUBLISH', ARGV[5], string.format('%d', expiresAt + 1))
  end
  if n < max then
    -- The first lease now: the first before this take's, or this take's own.
    local first = firstLease[2] and tonumber(firstLease[2])
    if n > 0 and (first == nil or expiresAt < first) then first = expiresAt end
    if first and (nextDue < 0 or first + 1 < nextDue) then nextDue = first + 1 end
    out[2] = nextDue
  end
end
return out
