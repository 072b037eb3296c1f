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
local result, removed, done, totalMs = {}, {}, {}, 0
for i = 2, #ARGV, 3 do
  local id, token = ARGV[i], ARGV[i + 1]
  local held = 0
  if not done[id] then
    local expiry = redis.call('ZSCORE', leases, id)
    if expiry and tonumber(expiry) >= now then
      local v = redis.call('HGET', records, id)
      local matches = false
      if v then
        local _, _, klen, _, pos = struct.unpack('>HI6BH', v)
        matches = string.sub(v, pos, pos + klen - 1) == token
      end
      if matches then
        held = 1
        done[id] = true
        removed[#removed + 1] = id
        totalMs = totalMs + tonumber(ARGV[i + 2])
      end
    end
  end
  result[#result + 1] = held
end
if #removed > 0 then
  redis.call('HDEL', records, unpack(removed))
  redis.call('ZREM', leases, unpack(removed))
  redis.call('HINCRBY', counters, 'c', #removed)
  if totalMs > 0 then redis.call('HINCRBY', counters, 't', totalMs) end
end
return result
