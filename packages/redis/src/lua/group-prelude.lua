--[[
  Fair groups (docs/groups.md): this part of the shared prelude lives in group-prelude.lua, which
  lua-scripts.ts appends to prelude.lua (blocks as there). A record with a group has its group in
  the group-of hash (id -> groupId) while it is stored or dead. Per priority level, while some of
  its ready records have a group: a ring (zset of groupIds scored by turn, lowest next; '' stands
  for the level's ungrouped records, in its plain ready list) and one FIFO list per group, named
  ring .. ':' .. groupId: the one key name built in Lua (a group is data the caller cannot list),
  safe on Redis Cluster because it keeps the queue's hash tag. A group is in its ring exactly
  while its list is not empty; a ring left with no group is deleted. The group counts hash:
  groupId -> leases the group holds; '#' -> grouped records ready in the lists; '!' -> set by a
  take that passed a group over at its groupConcurrency, to the wake channel to publish on once a
  place frees up.
  The group of each of `ids` (false: none), by HMGET in chunks of 1000.
]]
local function groupsOf(groupOf, ids)
  local out = {}
  for first = 1, #ids, 1000 do
    local values = redis.call('HMGET', groupOf, unpack(ids, first, math.min(first + 999, #ids)))
    for j = 1, #values do out[first + j - 1] = values[j] end
  end
  return out
end

-- Adds delta[g] to the lease count of each group g of `names` (a count left at 0 or less is
-- deleted): one HMGET and one HSET or HDEL, not one HINCRBY per group.
local function addLeases(counts, names, delta)
  local current = redis.call('HMGET', counts, unpack(names))
  local set, gone = {}, {}
  for j, g in ipairs(names) do
    local held = tonumber(current[j] or '0') + delta[g]
    if held > 0 then
      set[#set + 1] = g
      set[#set + 1] = held
    else
      gone[#gone + 1] = g
    end
  end
  if #set > 0 then redis.call('HSET', counts, unpack(set)) end
  if #gone > 0 then redis.call('HDEL', counts, unpack(gone)) end
end

-- Wakes the consumers that wait because a take passed a group over at its limit ('!' above).
local function wakeHeldBack(counts)
  local channel = redis.call('HGET', counts, '!')
  if channel then
    redis.call('HDEL', counts, '!')
    redis.call('PUBLISH', channel, '0')
  end
end

--[[
  Makes `ids` ready at one level, in order: each into its group's list (groups[i]; false = none:
  into `plain`, the level's ready list), at the tail, or at the head in their order when `front`
  (reclaimed leases). A group new to the ring takes its turn at the end; so do the ungrouped
  records when `plain` was empty while the ring is active, and first when the ring starts while
  `plain` holds records.
]]
local function readyGrouped(ring, plain, counts, ids, groups, front)
  local existed = redis.call('EXISTS', ring) == 1
  local active, last = existed, 0
  if existed then last = tonumber(redis.call('ZRANGE', ring, -1, -1, 'WITHSCORES')[2]) end
  local plainEmpty = redis.call('EXISTS', plain) == 0
  local lists, names, scored, hasTurn, grouped = {}, {}, {}, {}, 0
  local function addTurn(g)
    if hasTurn[g] == nil then hasTurn[g] = existed and redis.call('ZSCORE', ring, g) ~= false end
    if not hasTurn[g] then
      hasTurn[g] = true
      last = last + 1
      scored[#scored + 1] = last
      scored[#scored + 1] = g
    end
  end
  for i = 1, #ids do
    local g = groups[i] or ''
    if g == '' then
      if active and plainEmpty then addTurn('') end
      plainEmpty = false
    else
      if not active then
        active = true
        if not plainEmpty then addTurn('') end
      end
      addTurn(g)
      grouped = grouped + 1
    end
    if lists[g] == nil then
      lists[g] = {}
      names[#names + 1] = g
    end
    table.insert(lists[g], ids[i])
  end
  for _, g in ipairs(names) do
    local list, key = lists[g], plain
    if g ~= '' then key = ring .. ':' .. g end
    if front then
      local reversed = {}
      for i = #list, 1, -1 do reversed[#reversed + 1] = list[i] end
      list = reversed
    end
    for first = 1, #list, 1000 do
      redis.call(front and 'LPUSH' or 'RPUSH', key, unpack(list, first, math.min(first + 999, #list)))
    end
  end
  for first = 1, #scored, 1000 do redis.call('ZADD', ring, unpack(scored, first, math.min(first + 999, #scored))) end
  if grouped > 0 then
    redis.call('HINCRBY', counts, '#', grouped)
    wakeHeldBack(counts)
  end
end

-- The leases of `ids` ended (acked, released, dead-lettered, expired): each of their groups holds
-- one lease less; `forget`: the records are gone (acked), and their groups forgotten. Wakes the
-- consumers held back by groupConcurrency. One EXISTS when the queue has no group.
local function groupsSettled(groupOf, counts, ids, forget)
  if #ids == 0 or redis.call('EXISTS', groupOf) == 0 then return end
  local groups, ended, names = groupsOf(groupOf, ids), {}, {}
  for i = 1, #ids do
    local g = groups[i]
    if g then
      if ended[g] == nil then
        ended[g] = 0
        names[#names + 1] = g
      end
      ended[g] = ended[g] - 1
    end
  end
  if #names == 0 then return end
  addLeases(counts, names, ended)
  if forget then
    for first = 1, #ids, 1000 do redis.call('HDEL', groupOf, unpack(ids, first, math.min(first + 999, #ids))) end
  end
  wakeHeldBack(counts)
end

--[[
  Takes up to k ready ids of one level whose ring exists: the ring's turns in order, one record
  per turn, FIFO within a group ('' takes from `plain`); a group holding `limit` leases (0 = no
  limit) is passed over, its turn moved to the end, and '!' set to `channel`. Each round reads
  the next turns at once and moves the ones that keep a turn to the end in one ZADD. Stops when
  k are taken or every turn left was passed over; once no group is left the ring is deleted and
  the rest comes from `plain`. Counts each record taken as a lease of its group. Returns the ids,
  or false when none.
]]
local function takeTurns(ring, plain, counts, k, limit, channel)
  local ids, n, taken, leased, leasedNames, held = {}, 0, 0, {}, {}, {}
  local last = tonumber(redis.call('ZRANGE', ring, -1, -1, 'WITHSCORES')[2])
  local plainTurn = redis.call('ZSCORE', ring, '') ~= false
  if not plainTurn and redis.call('EXISTS', plain) == 1 then
    -- Ungrouped records stored by enqueue.lua, which knows nothing of rings, take their turn now.
    last = last + 1
    redis.call('ZADD', ring, last, '')
    plainTurn = true
  end
  local size, passed, blocked = redis.call('ZCARD', ring), 0, false
  while n < k and passed < size and size > (plainTurn and 1 or 0) do
    local page = redis.call('ZRANGE', ring, 0, math.min(size, k - n) - 1)
    if limit > 0 then
      local unknown = {}
      for _, g in ipairs(page) do
        if g ~= '' and held[g] == nil then unknown[#unknown + 1] = g end
      end
      if #unknown > 0 then
        local values = redis.call('HMGET', counts, unpack(unknown))
        for j = 1, #unknown do held[unknown[j]] = tonumber(values[j] or '0') end
      end
    end
    local again, gone = {}, {}
    for _, g in ipairs(page) do
      if g ~= '' and limit > 0 and held[g] >= limit then
        passed = passed + 1
        blocked = true
        again[#again + 1] = last + #again / 2 + 1
        again[#again + 1] = g
      else
        local key = plain
        if g ~= '' then key = ring .. ':' .. g end
        local id = redis.call('LPOP', key)
        if id then
          n = n + 1
          ids[n] = id
          passed = 0
          if g ~= '' then
            taken = taken + 1
            if leased[g] == nil then
              leased[g] = 0
              leasedNames[#leasedNames + 1] = g
            end
            leased[g] = leased[g] + 1
            if limit > 0 then held[g] = held[g] + 1 end
          end
        end
        if id and redis.call('EXISTS', key) == 1 then
          again[#again + 1] = last + #again / 2 + 1
          again[#again + 1] = g
        else
          gone[#gone + 1] = g
          if g == '' then plainTurn = false end
        end
      end
    end
    last = last + #again / 2
    if #again > 0 then redis.call('ZADD', ring, unpack(again)) end
    if #gone > 0 then redis.call('ZREM', ring, unpack(gone)) end
    size = size - #gone
  end
  for first = 1, #leasedNames, 1000 do addLeases(counts, { unpack(leasedNames, first, math.min(first + 999, #leasedNames)) }, leased) end
  if taken > 0 and redis.call('HINCRBY', counts, '#', -taken) <= 0 then redis.call('HDEL', counts, '#') end
  if blocked then redis.call('HSET', counts, '!', channel) end
  if size <= (plainTurn and 1 or 0) then
    redis.call('DEL', ring)
    if n < k then
      local rest = redis.call('LPOP', plain, k - n)
      if rest then
        for _, id in ipairs(rest) do
          n = n + 1
          ids[n] = id
        end
      end
    end
  end
  if n == 0 then return false end
  return ids
end

-- Deletes the list of every group in `rings` (the rings stay); returns how many existed.
local function unlinkGroupLists(rings)
  local removed = 0
  for _, ring in ipairs(rings) do
    local keys = {}
    for _, g in ipairs(redis.call('ZRANGE', ring, 0, -1)) do
      if g ~= '' then keys[#keys + 1] = ring .. ':' .. g end
    end
    for first = 1, #keys, 1000 do removed = removed + redis.call('UNLINK', unpack(keys, first, math.min(first + 999, #keys))) end
  end
  return removed
end

-- purge.lua's part for groups: every group's list, ring and count goes; the groups of dead
-- letters (ids in `dead`) stay, for a replay. One EXISTS when the queue has no group.
local function purgeGroups(groupOf, counts, rings, dead)
  if redis.call('EXISTS', groupOf) == 0 then return end
  unlinkGroupLists(rings)
  local deadIds, kept = redis.call('HKEYS', dead), {}
  local groups = groupsOf(groupOf, deadIds)
  for i = 1, #deadIds do
    if groups[i] then
      kept[#kept + 1] = deadIds[i]
      kept[#kept + 1] = groups[i]
    end
  end
  redis.call('UNLINK', groupOf, counts, unpack(rings))
  for first = 1, #kept, 1000 do redis.call('HSET', groupOf, unpack(kept, first, math.min(first + 999, #kept))) end
end

-- Takes ready record `id` of group `g` out of its group's list at the level of `ring` (the admin
-- API's delete and priority change): the group loses its turn when its list empties, the ring goes
-- when no turn is left, and '#' counts one grouped record less. False when the list did not hold it.
local function unreadyGrouped(ring, counts, id, g)
  local key = ring .. ':' .. g
  if redis.call('LREM', key, 1, id) == 0 then return false end
  if redis.call('EXISTS', key) == 0 then
    redis.call('ZREM', ring, g)
    if redis.call('ZCARD', ring) == 0 then redis.call('DEL', ring) end
  end
  if redis.call('HINCRBY', counts, '#', -1) <= 0 then redis.call('HDEL', counts, '#') end
  return true
end
