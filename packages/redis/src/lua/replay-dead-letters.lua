--[[
  replay-dead-letters: moves dead letters back to the tail of their ready lists with attempts 0
  and no last error (all of them oldest first, or the ids given, in that order).

  Dead and record values: the layouts in prelude.lua (unpackDead, packRecord).

  KEYS[1]     records hash        id -> record value
  KEYS[2]     dead-letters hash   id -> dead value
  KEYS[3]     dead order zset     id scored by the dead-letter sequence
  KEYS[4..13] ready lists         priority 1..10
  KEYS[14]    dedup hash          deduplication holds (prelude.lua)
  KEYS[15]    dedup expiry zset   key scored by the end of its hold (ms)
  KEYS[16]    group-of hash       id -> groupId (group-prelude.lua: fair groups): a replayed record keeps its group
  KEYS[17]    group counts hash
  KEYS[18..27] group rings        priority 1..10: a record with a group goes to the end of its group's list
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]     wake channel
  ARGV[3]     "all" to replay every dead letter, or "ids" to replay ARGV[4..]
  ARGV[4..]   ids

  A dead letter enqueued with a settle-bound key takes it again; when another record holds that
  key now, it stays dead (and is not among the ids moved).
  Returns the ids moved. Publishes "0" on the wake channel when the ready lists were empty.
]]
local now = resolveNow(ARGV[1])
local records, dead, order = KEYS[1], KEYS[2], KEYS[3]
local ids
if ARGV[3] == 'all' then
  ids = redis.call('ZRANGE', order, 0, -1)
else
  ids = {}
  for i = 4, #ARGV do ids[#ids + 1] = ARGV[i] end
end
local readyBefore = redis.call('EXISTS', unpack(KEYS, 4, 13)) > 0
local keyed = redis.call('EXISTS', KEYS[14]) == 1
local grouped = redis.call('EXISTS', KEYS[16]) == 1
local moved, seen = {}, {}
for i = 1, #ids do
  local id = ids[i]
  if not seen[id] then
    seen[id] = true
    local v = redis.call('HGET', dead, id)
    local spec = keyed and v and redis.call('HGET', KEYS[14], 'i' .. id)
    if spec then
      local _, _, key = parseSpec(spec)
      if readHold(KEYS[14], key, now) then
        v = false
      else
        takeHold(KEYS[14], KEYS[15], spec, id, now)
      end
    end
    if v then
      local p, _, _, errorLength, pos = unpackDead(v)
      redis.call('HSET', records, id, packRecord(p, 0, now, '', 0, string.sub(v, pos + errorLength)))
      if grouped then
        readyGrouped(KEYS[17 + p], KEYS[3 + p], KEYS[17], { id }, groupsOf(KEYS[16], { id }), false)
      else
        redis.call('RPUSH', KEYS[3 + p], id)
      end
      redis.call('HDEL', dead, id)
      redis.call('ZREM', order, id)
      moved[#moved + 1] = id
    end
  end
end
if #moved > 0 and not readyBefore then redis.call('PUBLISH', ARGV[2], '0') end
return moved
