--[[
  prelude: shared by every script; lua-scripts.ts puts it in front of each one, so the scripts
  below call resolveNow and heldRecords without defining them.
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

--[[
  For leases (ids[n], tokens[n]): the record value where the lease is held, else false. A lease is
  held when the record exists, its stored token matches and now <= its lease expiry. An id named
  twice is held at most once (its first lease that matches). Two calls per 1,000 leases.
  Record value: struct >HI6BH header (token length in the 3rd field, body from the 5th), token, ...
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
        local _, _, klen, _, pos = struct.unpack('>HI6BH', v)
        if string.sub(v, pos, pos + klen - 1) == tokens[n] then
          held[n] = v
          seen[id] = true
        end
      end
    end
  end
  return held
end
