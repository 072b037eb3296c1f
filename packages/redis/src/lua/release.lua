--[[
  release: ends leases and makes the records available again after a delay, for a batch of leases.

  Optionally stores a last error, and refunds the attempt the lease counted.
  Record values: the layout in prelude.lua (unpackRecord, packRecord).

  KEYS[1]     records hash    id -> record value
  KEYS[2]     delayed zset    id scored by due time (ms) + (seq % 1024) / 1024
  KEYS[3]     leases zset     id scored by lease expiry (ms)
  KEYS[4]     counters hash   field q = sequence of delayed inserts
  KEYS[5..14] ready lists     priority 1..10, FIFO
  KEYS[15]    group-of hash   id -> groupId (group-prelude.lua: fair groups)
  KEYS[16]    group counts hash  leases per group: a released record's group holds one less
  KEYS[17..26] group rings    priority 1..10: a record with a group goes to its group's list
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]     wake channel
  ARGV[3..]   5 values per lease: id, lease token, delayMs (>= 0), refund (1/0),
              last error ("" = keep the stored one, else "!" followed by the error text)

  Returns one integer per lease, in order: 1 = released, 0 = lease not held (nothing changed).
  Publishes "0" on the wake channel when a record became ready while the ready lists were
  empty, or the new earliest due time (ms) when a delayed record falls due before the rest.
]]
local now = resolveNow(ARGV[1])
local records, delayed, leases, counters = KEYS[1], KEYS[2], KEYS[3], KEYS[4]

local readyBefore = redis.call('EXISTS', unpack(KEYS, 5, 14)) > 0
-- Fair groups (group-prelude.lua) cost a queue without any one EXISTS.
local grouped = redis.call('EXISTS', KEYS[15]) == 1
local earliest = nil
local z = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
if z[2] then earliest = math.floor(tonumber(z[2])) end
local l = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES')
if l[2] and (earliest == nil or tonumber(l[2]) + 1 < earliest) then earliest = tonumber(l[2]) + 1 end

-- Counted appends, not t[#t + 1] (a binary search in Lua 5.1): see take.lua.
local ids, tokens, count = {}, {}, 0
for i = 3, #ARGV, 5 do
  count = count + 1
  ids[count], tokens[count] = ARGV[i], ARGV[i + 1]
end
local held = heldRecords(records, leases, ids, tokens, now)
local result, madeReady, firstDue = {}, false, nil
for n = 1, count do
  local i = 5 * n - 2
  local id, v, delayMs, refund, lastError = ids[n], held[n], tonumber(ARGV[i + 2]), ARGV[i + 3], ARGV[i + 4]
  result[n] = 0
  if v then
    result[n] = 1
    local p, attempts, _, tokenLength, errorField, pos = unpackRecord(v)
    if refund == '1' and attempts > 0 then attempts = attempts - 1 end
    local body = string.sub(v, pos + tokenLength)
    if lastError ~= '' then
      if errorField > 0 then body = string.sub(body, errorField) end
      local text = string.sub(lastError, 2, 65001)
      errorField = #text + 1
      body = text .. body
    end
    local availableAt = now + delayMs
    redis.call('HSET', records, id, packRecord(p, attempts, availableAt, '', errorField, body))
    redis.call('ZREM', leases, id)
    if delayMs > 0 then
      local seq = redis.call('HINCRBY', counters, 'q', 1)
      redis.call('ZADD', delayed, availableAt + (seq % 1024) / 1024, id)
      if firstDue == nil or availableAt < firstDue then firstDue = availableAt end
    else
      if grouped then
        readyGrouped(KEYS[16 + p], KEYS[4 + p], KEYS[16], { id }, groupsOf(KEYS[15], { id }), false)
      else
        redis.call('RPUSH', KEYS[4 + p], id)
      end
      madeReady = true
    end
  end
end
if grouped then
  local released = {}
  for n = 1, count do
    if held[n] then released[#released + 1] = ids[n] end
  end
  groupsSettled(KEYS[15], KEYS[16], released, false)
end
if madeReady and not readyBefore then
  redis.call('PUBLISH', ARGV[2], '0')
elseif firstDue and not readyBefore and (earliest == nil or firstDue < earliest) then
  redis.call('PUBLISH', ARGV[2], string.format('%d', firstDue))
end
return result
