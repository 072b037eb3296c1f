--[[
  ack: removes leased records as completed, for a batch of leases.

  A lease is held when the record's stored token matches and now <= its lease expiry.
  Record value (binary header, struct format >HI6BH, 11 bytes, then variable parts):
    (priority - 1) * 4096 + attempts | availableAt ms | token length | error length + 1 (0 = none)
    .. lease token .. error .. data

  KEYS[1]   records hash    id -> record value
  KEYS[2]   leases zset     id scored by lease expiry (ms)
  KEYS[3]   counters hash   field c = completed, field t = total processing ms
  ARGV[1]   now (ms since epoch), or -1 to use the server's TIME
  ARGV[2..] 3 values per lease: id, lease token, processing ms (integer >= 0)

  Returns one integer per lease, in order: 1 = completed, 0 = lease not held (nothing changed).
]]
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = t[1] * 1000 + math.floor(t[2] / 1000)
end
local records, leases, counters = KEYS[1], KEYS[2], KEYS[3]
local ids = {}
for i = 2, #ARGV, 3 do ids[#ids + 1] = ARGV[i] end
local result, removed, done, totalMs = {}, {}, {}, 0
for first = 1, #ids, 1000 do
  local chunk = { unpack(ids, first, math.min(first + 999, #ids)) }
  local expiries = redis.call('ZMSCORE', leases, unpack(chunk))
  local values = redis.call('HMGET', records, unpack(chunk))
  for j = 1, #chunk do
    local n = first + j - 1
    local id, token = chunk[j], ARGV[3 * n]
    local held = 0
    local expiry, v = expiries[j], values[j]
    if not done[id] and expiry and v and tonumber(expiry) >= now then
      local _, _, klen, _, pos = struct.unpack('>HI6BH', v)
      if string.sub(v, pos, pos + klen - 1) == token then
        held = 1
        done[id] = true
        removed[#removed + 1] = id
        totalMs = totalMs + tonumber(ARGV[3 * n + 1])
      end
    end
    result[n] = held
  end
end
if #removed > 0 then
  redis.call('HDEL', records, unpack(removed))
  redis.call('ZREM', leases, unpack(removed))
  redis.call('HINCRBY', counters, 'c', #removed)
  if totalMs > 0 then redis.call('HINCRBY', counters, 't', totalMs) end
end
return result
