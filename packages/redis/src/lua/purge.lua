--[[
  purge: removes every ready, delayed and leased record of one queue. Dead letters and counters stay.

  KEYS[1]     records hash    id -> record value (every waiting or leased record is here)
  KEYS[2]     delayed zset
  KEYS[3]     leases zset
  KEYS[4..13] ready lists     priority 1..10
  KEYS[14]    dedup hash          deduplication holds (prelude.lua): every hold ends
  KEYS[15]    dedup expiry zset
  KEYS[16]    dead-letters hash   read only: its ids keep their specs (a replay takes the key again)
  KEYS[17]    group-of hash       id -> groupId (group-prelude.lua: fair groups); dead letters keep theirs
  KEYS[18]    group counts hash
  KEYS[19..28] group rings        priority 1..10; the rings' group lists are deleted with them
  KEYS[29]    window hash         the removed ids are remembered (prelude-window.lua, rememberIds)
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]     idempotency window (ms; 0 = off)

  Returns the number of records removed.
]]
local removed = redis.call('HLEN', KEYS[1])
if tonumber(ARGV[2]) > 0 and removed > 0 then rememberIds(KEYS[29], tonumber(ARGV[2]), redis.call('HKEYS', KEYS[1]), resolveNow(ARGV[1])) end
local kept = {}
if redis.call('EXISTS', KEYS[14]) == 1 then
  local deadIds = redis.call('HKEYS', KEYS[16])
  for from = 1, #deadIds, 1000 do
    local fields = {}
    for j = from, math.min(from + 999, #deadIds) do fields[#fields + 1] = 'i' .. deadIds[j] end
    local specs = redis.call('HMGET', KEYS[14], unpack(fields))
    for j = 1, #fields do
      if specs[j] then
        kept[#kept + 1] = fields[j]
        kept[#kept + 1] = specs[j]
      end
    end
  end
end
purgeGroups(KEYS[17], KEYS[18], { unpack(KEYS, 19, 28) }, KEYS[16])
redis.call('UNLINK', unpack(KEYS, 1, 15))
for from = 1, #kept, 1000 do redis.call('HSET', KEYS[14], unpack(kept, from, math.min(from + 999, #kept))) end
return removed
