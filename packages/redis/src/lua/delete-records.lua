--[[
  delete-records: the admin API's delete. Removes ready, delayed and dead records by id; a leased
  record (also one whose lease expired, until a take moves it) is left alone. A settle-bound
  deduplication hold (until-settled, debounce) of a removed record is released, and a dead record's
  kept spec dropped (prelude.lua, releaseHolds: a debounce record held back behind the removed one
  gets its own due time back; one held back itself is in the delayed zset at PARKED_AT and is
  removed as a delayed record). A record's group is forgotten (a ready one leaves its group's
  list: unreadyGrouped). The removed ids are remembered by the idempotency window, as purged ones
are (prelude-window.lua). A ready record is found in its list with LREM: O(list length).

  KEYS[1]      records hash        id -> record value
  KEYS[2]      delayed zset        id scored by due time (ms) + sequence fraction
  KEYS[3]      leases zset         id scored by lease expiry (ms)
  KEYS[4..13]  ready lists         priority 1..10
  KEYS[14]     dead-letters hash   id -> dead value
  KEYS[15]     dead order zset     one member per dead letter
  KEYS[16]     dedup hash          'k' .. key -> hold, 'i' .. id -> spec
  KEYS[17]     group-of hash       id -> groupId (group-prelude.lua: fair groups)
  KEYS[18]     group counts hash   leases per group, '#' grouped ready
  KEYS[19..28] group rings         priority 1..10; a group's list is ring .. ':' .. groupId
  KEYS[29]     window hash         the removed ids are remembered (prelude-window.lua, rememberIds)
  ARGV[1]      now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]      idempotency window (ms; 0 = off)
  ARGV[3..]    ids

  Returns one letter per id, in order: d (deleted), n (not found), w (wrong state: leased).
]]
local now = resolveNow(ARGV[1])
local out, gone = {}, {}
for i = 3, #ARGV do
  local id = ARGV[i]
  local v = redis.call('HGET', KEYS[1], id)
  if v then
    if redis.call('ZSCORE', KEYS[3], id) then
      out[#out + 1] = 'w'
    else
      local g = redis.call('HGET', KEYS[17], id)
      if redis.call('ZREM', KEYS[2], id) == 0 then
        local p = recordPriority(v)
        if redis.call('LREM', KEYS[3 + p], 1, id) == 0 and g then unreadyGrouped(KEYS[18 + p], KEYS[18], id, g) end
      end
      if g then redis.call('HDEL', KEYS[17], id) end
      redis.call('HDEL', KEYS[1], id)
      releaseHolds(KEYS[16], { id }, false, now, KEYS[1], KEYS[2])
      gone[#gone + 1] = id
      out[#out + 1] = 'd'
    end
  elseif redis.call('HDEL', KEYS[14], id) == 1 then
    redis.call('ZREM', KEYS[15], id)
    redis.call('HDEL', KEYS[16], 'i' .. id)
    redis.call('HDEL', KEYS[17], id)
    gone[#gone + 1] = id
    out[#out + 1] = 'd'
  else
    out[#out + 1] = 'n'
  end
end
if #gone > 0 then rememberIds(KEYS[29], tonumber(ARGV[2]), gone, now) end
return out
