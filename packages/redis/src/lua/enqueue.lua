--[[
  enqueue: stores a batch of records, all of them or none.

  A ready record goes to the tail of its priority's list; a delayed one into the delayed set,
  scored by due time plus a sequence fraction so that equal due times keep enqueue order.
  Record value (binary header, struct format >HI6BH, 11 bytes, then variable parts):
    (priority - 1) * 4096 + attempts | availableAt ms | token length | error length + 1 (0 = none)
    .. lease token .. error .. data

  KEYS[1]     records hash        id -> record value
  KEYS[2]     dead-letters hash   id -> dead record (checked for duplicate ids)
  KEYS[3]     delayed zset        id scored by due time (ms) + (seq % 1024) / 1024
  KEYS[4]     leases zset         id scored by lease expiry (ms)
  KEYS[5]     counters hash       field q = sequence of delayed inserts
  KEYS[6..15] ready lists         priority 1..10, FIFO
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]     wake channel (classic pub/sub)
  ARGV[3..]   4 values per record: id, priority (1-10), delayMs (>= 0), data

  Returns {} when stored, or the list of ids already present (nothing stored).
  Publishes on the wake channel "0" when the ready lists were empty before, or the new earliest
  due time (ms) when a delayed record falls due before anything else that waits.
]]
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = t[1] * 1000 + math.floor(t[2] / 1000)
end
local records, dead, delayed, leases, counters = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]

local ids = {}
for i = 3, #ARGV, 4 do ids[#ids + 1] = ARGV[i] end
local dups = {}
for first = 1, #ids, 1000 do
  local chunk = { unpack(ids, first, math.min(first + 999, #ids)) }
  local live = redis.call('HMGET', records, unpack(chunk))
  local gone = redis.call('HMGET', dead, unpack(chunk))
  for j = 1, #chunk do
    if live[j] or gone[j] then dups[#dups + 1] = chunk[j] end
  end
end
if #dups > 0 then return dups end

local nready, ndelayed, firstDue = 0, 0, nil
for i = 3, #ARGV, 4 do
  if tonumber(ARGV[i + 2]) > 0 then
    ndelayed = ndelayed + 1
    local due = now + tonumber(ARGV[i + 2])
    if firstDue == nil or due < firstDue then firstDue = due end
  else
    nready = nready + 1
  end
end

local wake = nil
if nready > 0 then
  if redis.call('EXISTS', unpack(KEYS, 6, 15)) == 0 then wake = '0' end
elseif ndelayed > 0 then
  local earliest = nil
  local z = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
  if z[2] then earliest = math.floor(tonumber(z[2])) end
  local l = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES')
  if l[2] and (earliest == nil or tonumber(l[2]) + 1 < earliest) then earliest = tonumber(l[2]) + 1 end
  if earliest == nil or firstDue < earliest then wake = string.format('%d', firstDue) end
end

local seq = 0
if ndelayed > 0 then seq = redis.call('HINCRBY', counters, 'q', ndelayed) - ndelayed end

local fields, byPriority, scored = {}, {}, {}
for i = 3, #ARGV, 4 do
  local id, priority, delayMs = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
  local availableAt = now + delayMs
  fields[#fields + 1] = id
  fields[#fields + 1] = struct.pack('>HI6BH', (priority - 1) * 4096, availableAt, 0, 0) .. ARGV[i + 3]
  if delayMs > 0 then
    seq = seq + 1
    scored[#scored + 1] = availableAt + (seq % 1024) / 1024
    scored[#scored + 1] = id
  else
    local list = byPriority[priority]
    if list == nil then
      list = {}
      byPriority[priority] = list
    end
    list[#list + 1] = id
  end
end
for first = 1, #fields, 1000 do
  redis.call('HSET', records, unpack(fields, first, math.min(first + 999, #fields)))
end
for first = 1, #scored, 1000 do
  redis.call('ZADD', delayed, unpack(scored, first, math.min(first + 999, #scored)))
end
for priority, list in pairs(byPriority) do
  for first = 1, #list, 1000 do
    redis.call('RPUSH', KEYS[5 + priority], unpack(list, first, math.min(first + 999, #list)))
  end
end
if wake then redis.call('PUBLISH', ARGV[2], wake) end
return {}
