--[[
  enqueue: stores groups of records; each group is one enqueue call, stored all or none.

  A ready record goes to the tail of its priority's list; a delayed one into the delayed set,
  scored by due time plus a sequence fraction so that equal due times keep enqueue order.
  Record values: the layout in prelude.lua (packRecord).

  KEYS[1]     records hash        id -> record value
  KEYS[2]     dead-letters hash   id -> dead record (checked for duplicate ids)
  KEYS[3]     delayed zset        id scored by due time (ms) + (seq % 1024) / 1024
  KEYS[4]     leases zset         id scored by lease expiry (ms)
  KEYS[5]     counters hash       field q = sequence of delayed inserts
  KEYS[6..15] ready lists         priority 1..10, FIFO
  KEYS[16]    window hash         ids remembered by the idempotency window (prelude-window.lua)
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]     wake channel (classic pub/sub)
  ARGV[3]     idempotency window (ms; 0 = off: the window hash is not read)
  ARGV[4..]   groups, in order: a record count n, then 4 values per record:
              id, priority (1-10), delayMs (>= 0), data

  Returns one array per group: empty when stored, else the ids already present (waiting, leased
  or dead, including in an earlier group of this call) and nothing of that group was stored.
  When ARGV[3] > 0, one more array: flat, per record whose id the window remembers (not stored,
  the rest of its group is), its group (1-based) and its 0-based position in the group.
  Publishes on the wake channel "0" when the ready lists were empty before, or the new earliest
  due time (ms) when a delayed record falls due before anything else that waits.
]]
local now = resolveNow(ARGV[1])
local records, dead, delayed, leases, counters = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]

-- Counted appends, not t[#t + 1] (a binary search in Lua 5.1): see take.lua.
local function duplicates(first, last)
  local ids, count = {}, 0
  for i = first, last, 4 do
    count = count + 1
    ids[count] = ARGV[i]
  end
  return storedIds(records, dead, ids), ids
end

-- Whether a ready list held records before this call: known from the first RPUSH to each level
-- (its length after equals what it pushed: it was empty), and only when every level pushed to was
-- empty, from one EXISTS at the end (the levels not pushed to). A backlog costs no EXISTS.
local readyBefore, pushedLevels, levelsPushed = false, {}, 0
local earliest, earliestKnown = nil, false
local storedReady, firstDue = false, nil

local function store(first, last)
  local ndelayed = 0
  for i = first, last, 4 do
    if tonumber(ARGV[i + 2]) > 0 then ndelayed = ndelayed + 1 end
  end
  local seq = 0
  if ndelayed > 0 then
    if not earliestKnown then
      earliestKnown = true
      local z = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
      if z[2] then earliest = math.floor(tonumber(z[2])) end
      local l = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES')
      if l[2] and (earliest == nil or tonumber(l[2]) + 1 < earliest) then earliest = tonumber(l[2]) + 1 end
    end
    seq = redis.call('HINCRBY', counters, 'q', ndelayed) - ndelayed
  end
  local fields, byPriority, scored, nfields, nscored = {}, {}, {}, 0, 0
  for i = first, last, 4 do
    local id, priority, delayMs = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
    local availableAt = now + delayMs
    nfields = nfields + 2
    fields[nfields - 1], fields[nfields] = id, packRecord(priority, 0, availableAt, '', 0, ARGV[i + 3])
    if delayMs > 0 then
      seq = seq + 1
      nscored = nscored + 2
      scored[nscored - 1], scored[nscored] = availableAt + (seq % 1024) / 1024, id
      if firstDue == nil or availableAt < firstDue then firstDue = availableAt end
    else
      storedReady = true
      local list = byPriority[priority]
      if list == nil then
        list = {}
        byPriority[priority] = list
      end
      list[#list + 1] = id
    end
  end
  for from = 1, #fields, 1000 do
    redis.call('HSET', records, unpack(fields, from, math.min(from + 999, #fields)))
  end
  for from = 1, #scored, 1000 do
    redis.call('ZADD', delayed, unpack(scored, from, math.min(from + 999, #scored)))
  end
  for priority, list in pairs(byPriority) do
    for from = 1, #list, 1000 do
      local last = math.min(from + 999, #list)
      local length = redis.call('RPUSH', KEYS[5 + priority], unpack(list, from, last))
      if not pushedLevels[priority] then
        pushedLevels[priority] = true
        levelsPushed = levelsPushed + 1
        if length > last - from + 1 then readyBefore = true end
      end
    end
  end
end

local windowMs = tonumber(ARGV[3])
local slots, remembered = windowSlots(KEYS[16], windowMs, now), {}
local results = {}
local i = 4
while i <= #ARGV do
  local first, last = i + 1, i + tonumber(ARGV[i]) * 4
  local dups, ids = duplicates(first, last)
  if #dups == 0 and last >= first then
    if slots then storeNotRemembered(KEYS[16], slots, ids, first, last, 4, store, #results + 1, remembered) else store(first, last) end
  end
  results[#results + 1] = dups
  i = last + 1
end
if windowMs > 0 then results[#results + 1] = remembered end

if storedReady then
  if not readyBefore then readyBefore = redis.call('EXISTS', unpack(KEYS, 6, 15)) > levelsPushed end
  if not readyBefore then redis.call('PUBLISH', ARGV[2], '0') end
elseif firstDue and (earliest == nil or firstDue < earliest) then
  redis.call('PUBLISH', ARGV[2], string.format('%d', firstDue))
end
return results
