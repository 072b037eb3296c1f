--[[
  prelude: shared by every script; lua-scripts.ts puts in front of each one this comment and the
  definitions below that it uses (lua-prelude.ts: each block, separated by a blank line, defines
  what it names). The two stored layouts are defined here only.

  Record value (records hash, one per ready, delayed or leased record):
    header, struct format >HI6BH (11 bytes): code | availableAt ms | token length | error field
    then the lease token, then the body: the last error (error field - 1 bytes), then the data.
  Dead value (dead-letters hash, one per dead letter):
    header, struct format >HI6I4 (12 bytes): code | failedAt ms | error length
    then the error, then the data.
  code = (priority - 1) * 4096 + attempts (attempts 0..4095); error field = error length + 1, 0 = none.
  take.lua answers codes; script-replies.ts decodes them.

  The functions split the code with plain arithmetic, not math.floor (a global lookup and a C call
  per record), and write the formats and 4096 out rather than share locals: a local that several
  functions use is an upvalue of each, which cost about 0.8 µs per one-record enqueue (SLOWLOG,
  Redis 7.0). So each costs what the inline code it replaced did, apart from the call itself.
]]

-- The time a script judges by: ARGV's time (an injected clock), or the server's TIME when it is < 0.
local function resolveNow(arg)
  local now = tonumber(arg)
  if now < 0 then
    local t = redis.call('TIME')
    now = t[1] * 1000 + math.floor(t[2] / 1000)
  end
  return now
end

-- A record value's priority, attempts, availableAt, token length, error field, the position of its
-- token, and its code.
local function unpackRecord(v)
  local code, availableAt, tokenLength, errorField, pos = struct.unpack('>HI6BH', v)
  local attempts = code % 4096
  return (code - attempts) / 4096 + 1, attempts, availableAt, tokenLength, errorField, pos, code
end

-- The priority of a record value (reads its first field only).
local function recordPriority(v)
  local code = struct.unpack('>H', v)
  return (code - code % 4096) / 4096 + 1
end

-- A record value: `token` is '' unless leased; `body` is the error (errorField - 1 bytes) then the data.
local function packRecord(priority, attempts, availableAt, token, errorField, body)
  return struct.pack('>HI6BH', (priority - 1) * 4096 + attempts, availableAt, #token, errorField) .. token .. body
end

-- A dead value's priority, attempts, failedAt, error length, and the position of its error.
local function unpackDead(v)
  local code, failedAt, errorLength, pos = struct.unpack('>HI6I4', v)
  local attempts = code % 4096
  return (code - attempts) / 4096 + 1, attempts, failedAt, errorLength, pos
end

local function packDead(priority, attempts, failedAt, err, data)
  return struct.pack('>HI6I4', (priority - 1) * 4096 + attempts, failedAt, #err) .. err .. data
end

--[[
  Debounce behind an in-flight holder (docs/deduplication.md): a debounce record that meets a
  hold whose holder is in flight (or retrying) is stored held back: in the records hash (its id
  is taken; its value keeps its own due time) and in the delayed zset at PARKED_AT, a score no
  take reaches (2^50 ms, the year 37,648), so it counts as delayed and purge removes it. It is
  ids[2] of its hold. When the holder settles (ack or dead letter; a retry keeps holding) or the
  hold ends, it gets its own due time back (unparkId), and take.lua moves it when due.
]]
local PARKED_AT = 1125899906842624

-- Gives record `id` its own due time back if it is held back.
local function unparkId(records, delayed, id)
  local score = redis.call('ZSCORE', delayed, id)
  if not score or tonumber(score) ~= PARKED_AT then return end
  local _, _, availableAt = unpackRecord(redis.call('HGET', records, id))
  redis.call('ZADD', delayed, availableAt, id)
end

-- Releases every record held back in the hold of `key` as stored (also when it has expired).
local function unparkHold(records, delayed, dedup, key)
  local v = redis.call('HGET', dedup, 'k' .. key)
  if not v then return end
  local n = 0
  for word in string.gmatch(string.sub(v, 2), '%S+') do
    n = n + 1
    if n > 1 then unparkId(records, delayed, word) end
  end
end

--[[
  For leases (ids[n], tokens[n]): the record value where the lease is held, else false. A lease is
  held when the record exists, its stored token matches and now <= its lease expiry. An id named
  twice is held at most once (its first lease that matches). When the leases zset's first expiry
  is >= now, no lease has expired and a matching token is a held lease: only take.lua writes a
  token, with the lease's ZADD, and every script that ends a lease clears the token or removes the
  record; then the expiries are not read (a ZMSCORE walks a small zset's listpack once per id).
  Else two calls per 1,000 leases.
]]
local function heldRecords(records, leases, ids, tokens, now)
  local held, seen = {}, {}
  local first = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES')
  local live = first[2] ~= nil and tonumber(first[2]) >= now
  for from = 1, #ids, 1000 do
    local last = math.min(from + 999, #ids)
    local expiries = nil
    if not live then expiries = redis.call('ZMSCORE', leases, unpack(ids, from, last)) end
    local values = redis.call('HMGET', records, unpack(ids, from, last))
    for j = 1, last - from + 1 do
      local n = from + j - 1
      local id, v = ids[n], values[j]
      held[n] = false
      if not seen[id] and v and (live or (expiries[j] and tonumber(expiries[j]) >= now)) then
        local _, _, tokenLength, _, pos = struct.unpack('>HI6BH', v)
        if string.sub(v, pos, pos + tokenLength - 1) == tokens[n] then
          held[n] = v
          seen[id] = true
        end
      end
    end
  end
  return held
end

--[[
  Deduplication holds (docs/deduplication.md), in the queue's dedup hash. Field 'k' .. key: the
  hold, a mode letter (u until-settled, t ttl, d debounce), its end (ms; 0 = when its records
  settle), then the ids holding it, each after a space. Field 'i' .. id: the spec a settle-bound
  record (modes u and d) was enqueued with, kept while it is stored or dead: a mode letter, ttlMs
  (0 = none), ':', the key. A spec in ARGV has the same form. Ids never hold a space.
]]
local function parseSpec(spec)
  local colon = string.find(spec, ':', 1, true)
  return string.sub(spec, 1, 1), tonumber(string.sub(spec, 2, colon - 1)), string.sub(spec, colon + 1)
end

-- The hold of `key` at `now` as { mode, expiresAt, ids }, or nil when free or expired.
local function readHold(dedup, key, now)
  local v = redis.call('HGET', dedup, 'k' .. key)
  if not v then return nil end
  local hold = { mode = string.sub(v, 1, 1), ids = {} }
  for word in string.gmatch(string.sub(v, 2), '%S+') do
    if hold.expiresAt == nil then hold.expiresAt = tonumber(word) else hold.ids[#hold.ids + 1] = word end
  end
  if hold.expiresAt > 0 and hold.expiresAt <= now then return nil end
  return hold
end

local function writeHold(dedup, key, hold)
  if #hold.ids == 0 then
    redis.call('HDEL', dedup, 'k' .. key)
  else
    redis.call('HSET', dedup, 'k' .. key, hold.mode .. string.format('%d', hold.expiresAt) .. ' ' .. table.concat(hold.ids, ' '))
  end
end

-- Record `id` takes the free key of `spec` at `now`.
local function takeHold(dedup, expiry, spec, id, now)
  local mode, ttlMs, key = parseSpec(spec)
  local expiresAt = 0
  if ttlMs > 0 then expiresAt = now + ttlMs end
  writeHold(dedup, key, { mode = mode, expiresAt = expiresAt, ids = { id } })
  if expiresAt > 0 then redis.call('ZADD', expiry, expiresAt, key) end
  if mode ~= 't' then redis.call('HSET', dedup, 'i' .. id, spec) end
end

-- Records `ids` completed (dead false) or were dead-lettered (dead true): they no longer hold
-- their keys; a hold left with no record ends. A dead record's spec stays (a replay takes the key
-- again). The record held back behind one (unparkId) is released, also when the hold
-- has expired. Costs one EXISTS when the queue holds no key.
local function releaseHolds(dedup, ids, dead, now, records, delayed)
  if #ids == 0 or redis.call('EXISTS', dedup) == 0 then return end
  local fields = {}
  for n = 1, #ids do fields[n] = 'i' .. ids[n] end
  local specs = redis.call('HMGET', dedup, unpack(fields))
  for n = 1, #ids do
    if specs[n] then
      local _, _, key = parseSpec(specs[n])
      local hold = readHold(dedup, key, now)
      if hold then
        local left = {}
        for _, held in ipairs(hold.ids) do
          if held ~= ids[n] then left[#left + 1] = held end
        end
        hold.ids = left
        writeHold(dedup, key, hold)
        if hold.mode == 'd' and left[1] then unparkId(records, delayed, left[1]) end
      else
        unparkHold(records, delayed, dedup, key)
      end
      if not dead then redis.call('HDEL', dedup, fields[n]) end
    end
  end
end

-- The ids among `ids` that the queue already holds, waiting or in flight (records hash) or dead
-- (dead hash): a batch with any of them stores nothing. HMGET in chunks of 1000 ids.
local function storedIds(records, dead, ids)
  local dups = {}
  for from = 1, #ids, 1000 do
    local chunk = { unpack(ids, from, math.min(from + 999, #ids)) }
    local live = redis.call('HMGET', records, unpack(chunk))
    local gone = redis.call('HMGET', dead, unpack(chunk))
    for j = 1, #chunk do
      if live[j] or gone[j] then dups[#dups + 1] = chunk[j] end
    end
  end
  return dups
end

-- The admin API's view of a record value (leaseExpiry: its lease score, or false) or of a dead value
-- (dead true): data, priority, attempts, availableAt, leaseExpiresAt (-1 none), lastError or false,
-- failedAt (-1 none), error or false. Read-only.
local function recordView(v, dead, leaseExpiry)
  if dead then
    local priority, attempts, failedAt, errorLength, pos = unpackDead(v)
    return string.sub(v, pos + errorLength), priority, attempts, failedAt, -1, false, failedAt, string.sub(v, pos, pos + errorLength - 1)
  end
  local priority, attempts, availableAt, tokenLength, errorField, pos = unpackRecord(v)
  local body = string.sub(v, pos + tokenLength)
  local lastError, data = false, body
  if errorField > 0 then
    lastError = string.sub(body, 1, errorField - 1)
    data = string.sub(body, errorField)
  end
  local expiry = -1
  if leaseExpiry then expiry = tonumber(leaseExpiry) end
  return data, priority, attempts, availableAt, expiry, lastError, -1, false
end
