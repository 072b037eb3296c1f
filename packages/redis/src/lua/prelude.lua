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
  For leases (ids[n], tokens[n]): the record value where the lease is held, else false. A lease is
  held when the record exists, its stored token matches and now <= its lease expiry. An id named
  twice is held at most once (its first lease that matches). Two calls per 1,000 leases.
]]
local function heldRecords(records, leases, ids, tokens, now)
  local held, seen = {}, {}
  for first = 1, #ids, 1000 do
    local last = math.min(first + 999, #ids)
    local expiries = redis.call('ZMSCORE', leases, unpack(ids, first, last))
    local values = redis.call('HMGET', records, unpack(ids, first, last))
    for j = 1, last - first + 1 do
      local n = first + j - 1
      local id, v, expiry = ids[n], values[j], expiries[j]
      held[n] = false
      if not seen[id] and v and expiry and tonumber(expiry) >= now then
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
