--[[
  promote-records: the admin API's promote. Makes delayed records due now: out of the delayed zset,
  available at now, at the back of their priority's ready list (FIFO: as if enqueued now; a record
  with a group at the back of its group's list, readyGrouped). Ready, leased and dead records are
  left alone, and so is a debounce record held back behind an in-flight holder (delayed at
  PARKED_AT, prelude.lua): promoting it would let it run beside its holder, so it is refused as
  not delayed (w); it falls due when its holder settles or its hold ends.

  KEYS[1]      records hash        id -> record value
  KEYS[2]      delayed zset        id scored by due time (ms) + sequence fraction
  KEYS[3..12]  ready lists         priority 1..10
  KEYS[13]     dead-letters hash   id -> dead value
  KEYS[14]     group-of hash       id -> groupId (group-prelude.lua: fair groups)
  KEYS[15]     group counts hash   leases per group, '#' grouped ready
  KEYS[16..25] group rings         priority 1..10; a group's list is ring .. ':' .. groupId
  ARGV[1]      now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]      wake channel
  ARGV[3..]    ids

  Returns one letter per id, in order: d (promoted), n (not found), w (wrong state: not delayed,
  or held back).
  Publishes "0" on the wake channel when it promoted any (idle consumers take).
]]
local now = resolveNow(ARGV[1])
local out, moved = {}, false
for i = 3, #ARGV do
  local id = ARGV[i]
  local v = redis.call('HGET', KEYS[1], id)
  local score = v and redis.call('ZSCORE', KEYS[2], id)
  if score and tonumber(score) ~= PARKED_AT then
    redis.call('ZREM', KEYS[2], id)
    local p, attempts, _, tokenLength, errorField, pos = unpackRecord(v)
    redis.call('HSET', KEYS[1], id, packRecord(p, attempts, now, string.sub(v, pos, pos + tokenLength - 1), errorField, string.sub(v, pos + tokenLength)))
    local g = redis.call('HGET', KEYS[14], id)
    if g then readyGrouped(KEYS[15 + p], KEYS[2 + p], KEYS[15], { id }, { g }, false) else redis.call('RPUSH', KEYS[2 + p], id) end
    moved = true
    out[#out + 1] = 'd'
  elseif v or redis.call('HEXISTS', KEYS[13], id) == 1 then
    out[#out + 1] = 'w'
  else
    out[#out + 1] = 'n'
  end
end
if moved then redis.call('PUBLISH', ARGV[2], '0') end
return out
