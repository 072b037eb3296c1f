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
  ARGV[2..] 4 values per lease: id, lease token, refund (1 = subtract the delivery this lease
            counted: the take found the record out of attempts, its handler never ran; else 0),
            error text

  Returns one integer per lease, in order: 1 = dead-lettered, 0 = lease not held (nothing changed).
]]
local now = resolveNow(ARGV[1])
local records, leases, dead, order, counters = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local ids, tokens = {}, {}
for i = 2, #ARGV, 4 do
  ids[#ids + 1], tokens[#tokens + 1] = ARGV[i], ARGV[i + 1]
end
local held = heldRecords(records, leases, ids, tokens, now)
local result = {}
for n = 1, #ids do
  local id, v, refund, err = ids[n], held[n], ARGV[4 * n], ARGV[4 * n + 1]
  result[n] = 0
  if v then
    result[n] = 1
    local pa, _, klen, elen, pos = struct.unpack('>HI6BH', v)
    if refund == '1' and pa % 4096 > 0 then pa = pa - 1 end
    local data = string.sub(v, pos + klen)
    if elen > 0 then data = string.sub(data, elen) end
    redis.call('HDEL', records, id)
    redis.call('ZREM', leases, id)
    redis.call('HSET', dead, id, struct.pack('>HI6I4', pa, now, #err) .. err .. data)
    redis.call('ZADD', order, redis.call('HINCRBY', counters, 'y', 1), id)
  end
end
return result
