--[[
  enqueue-grouped: stores one enqueue call of which some records belong to a group (fair groups,
  docs/groups.md), all or none, in call order. Each record's group goes into the group-of hash;
  a ready record with a group goes to the tail of its group's list at its priority (the group
  taking its turn at the end of the level's ring when new there), one without to its ready list;
  a delayed record into the delayed set as enqueue.lua stores it (take.lua moves it to its
  group's list when due). Record values: the layout in prelude.lua (packRecord); groups:
  group-prelude.lua (readyGrouped). A record whose id the queue's idempotency window remembers
  (prelude-window.lua) is not stored; the rest of the call is (as enqueue.lua).

  KEYS[1]     records hash        id -> record value
  KEYS[2]     dead-letters hash   id -> dead record (checked for duplicate ids)
  KEYS[3]     delayed zset        id scored by due time (ms) + (seq % 1024) / 1024
  KEYS[4]     leases zset         id scored by lease expiry (ms)
  KEYS[5]     counters hash       field q = sequence of delayed inserts
  KEYS[6..15] ready lists         priority 1..10, FIFO
  KEYS[16]    group-of hash       id -> groupId
  KEYS[17]    group counts hash   '#' = grouped records ready, '!' = a take passed a group over
  KEYS[18..27] group rings        priority 1..10: groupIds by turn; a group's list is ring .. ':' .. groupId
  KEYS[28]    window hash         ids remembered by the idempotency window (prelude-window.lua)
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]     wake channel (classic pub/sub)
  ARGV[3]     idempotency window (ms; 0 = off: the window hash is not read)
  ARGV[4..]   5 values per record: id, priority (1-10), delayMs (>= 0), data, groupId ('' = none)

  Returns { duplicate ids, remembered }: when ids are already present (waiting, leased or dead),
  nothing was stored; remembered lists the 0-based position in the call of each record whose id
  the window remembers (not stored; the others were). Publishes on the wake channel "0" when no
  record was ready before (in a ready list or a group's list) and a ready record was stored, or
  when a take had passed a group over; else the due time of the earliest delayed record stored
  when it falls due before anything else.
]]
local now = resolveNow(ARGV[1])
local records, dead, delayed, leases, counters = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]

-- Counted appends, not t[#t + 1] (a binary search in Lua 5.1): see take.lua.
local ids, count = {}, 0
for i = 4, #ARGV, 5 do
  count = count + 1
  ids[count] = ARGV[i]
end
local dups = storedIds(records, dead, ids)
if #dups > 0 then return { dups, {} } end
local slots = windowSlots(KEYS[28], tonumber(ARGV[3]), now)
local hits = slots and rememberedIds(KEYS[28], slots, ids) or {}
local remembered, ndelayed = {}, 0
for n = 1, count do
  if hits[n] then
    remembered[#remembered + 1] = n - 1
  elseif tonumber(ARGV[4 + (n - 1) * 5 + 2]) > 0 then
    ndelayed = ndelayed + 1
  end
end

local readyBefore = redis.call('EXISTS', unpack(KEYS, 6, 15)) > 0 or redis.call('EXISTS', unpack(KEYS, 18, 27)) > 0
local earliest, seq = nil, 0
if ndelayed > 0 then
  local z = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
  if z[2] then earliest = math.floor(tonumber(z[2])) end
  local l = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES')
  if l[2] and (earliest == nil or tonumber(l[2]) + 1 < earliest) then earliest = tonumber(l[2]) + 1 end
  seq = redis.call('HINCRBY', counters, 'q', ndelayed) - ndelayed
end

local fields, groupFields, scored, byPriority = {}, {}, {}, {}
local storedReady, firstDue = false, nil
for n = 1, count do
  -- A record the window remembers is not stored (deduplicated by id).
  if not hits[n] then
    local i = 4 + (n - 1) * 5
    local id, priority, delayMs, groupId = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]), ARGV[i + 4]
    local availableAt = now + delayMs
    fields[#fields + 1] = id
    fields[#fields + 1] = packRecord(priority, 0, availableAt, '', 0, ARGV[i + 3])
    if groupId ~= '' then
      groupFields[#groupFields + 1] = id
      groupFields[#groupFields + 1] = groupId
    end
    if delayMs > 0 then
      seq = seq + 1
      scored[#scored + 1] = availableAt + (seq % 1024) / 1024
      scored[#scored + 1] = id
      if firstDue == nil or availableAt < firstDue then firstDue = availableAt end
    else
      storedReady = true
      local level = byPriority[priority]
      if level == nil then
        level = { ids = {}, groups = {} }
        byPriority[priority] = level
      end
      level.ids[#level.ids + 1] = id
      level.groups[#level.ids] = groupId ~= '' and groupId
    end
  end
end
for from = 1, #fields, 1000 do redis.call('HSET', records, unpack(fields, from, math.min(from + 999, #fields))) end
for from = 1, #groupFields, 1000 do redis.call('HSET', KEYS[16], unpack(groupFields, from, math.min(from + 999, #groupFields))) end
for from = 1, #scored, 1000 do redis.call('ZADD', delayed, unpack(scored, from, math.min(from + 999, #scored))) end
for priority, level in pairs(byPriority) do
  readyGrouped(KEYS[17 + priority], KEYS[5 + priority], KEYS[17], level.ids, level.groups, false)
end

if storedReady then
  if not readyBefore then redis.call('PUBLISH', ARGV[2], '0') end
elseif firstDue and (earliest == nil or firstDue < earliest) then
  redis.call('PUBLISH', ARGV[2], string.format('%d', firstDue))
end
return { {}, remembered }
