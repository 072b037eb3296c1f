--[[
  dead-letter: moves leased records to the dead-letter store with an error, for a batch of leases.

  Record value (binary header, struct format >HI6BH, 11 bytes, then variable parts):
    (priority - 1) * 4096 + attempts | availableAt ms | token length | error length + 1 (0 = none)
    .. lease token .. error .. data
  Dead value (struct format >HI6I4, 12 bytes, then variable parts):
    (priority - 1) * 4096 + attempts | failedAt ms | error length .. error .. data

  KEYS[1]   records hash        id -> record value
  KEYS[2]   leases zset         id scored by lease expiry (ms)
  KEYS[3]   dead-letters hash   id -> dead value
  KEYS[4]   dead order zset     id scored by the dead-letter sequence (oldest first)
  KEYS[5]   counters hash       field y = dead-letter sequence
  ARGV[1]   now (ms since epoch), or -1 to use the server's TIME
  ARGV[2..] 3 values per lease: id, lease token, error text

  Returns one integer per lease, in order: 1 = dead-lettered, 0 = lease not held (nothing changed).
]]
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = t[1] * 1000 + math.floor(t[2] / 1000)
end
local records, leases, dead, order, counters = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local result, done = {}, {}
for i = 2, #ARGV, 3 do
  local id, token, err = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local held = 0
  if not done[id] then
    local expiry = redis.call('ZSCORE', leases, id)
    if expiry and tonumber(expiry) >= now then
      local v = redis.call('HGET', records, id)
      if v then
        local pa, _, klen, elen, pos = struct.unpack('>HI6BH', v)
        if string.sub(v, pos, pos + klen - 1) == token then
          held = 1
          done[id] = true
          local data = string.sub(v, pos + klen)
          if elen > 0 then data = string.sub(data, elen) end
          redis.call('HDEL', records, id)
          redis.call('ZREM', leases, id)
          redis.call('HSET', dead, id, struct.pack('>HI6I4', pa, now, #err) .. err .. data)
          redis.call('ZADD', order, redis.call('HINCRBY', counters, 'y', 1), id)
        end
      end
    end
  end
  result[#result + 1] = held
end
return result
