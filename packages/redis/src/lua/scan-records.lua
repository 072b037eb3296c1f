--[[
  scan-records: one HSCAN step over a queue's records (or dead letters), keeping those in the
  state asked for; read-only. HSCAN's cursor holds while the hash changes: a record in the state
  for the whole walk is returned at least once (perhaps twice); one that changes state may not be.
  Record and dead values: the layouts in prelude.lua (unpackRecord, unpackDead).

  KEYS[1]   records hash        id -> record value
  KEYS[2]   delayed zset        id scored by due time (ms) + sequence fraction
  KEYS[3]   leases zset         id scored by lease expiry (ms)
  KEYS[4]   dead-letters hash   id -> dead value
  ARGV[1]   state: "ready", "delayed" or "dead"
  ARGV[2]   HSCAN cursor ("0" to start)
  ARGV[3]   HSCAN COUNT (>= 1)

  Returns {nextCursor, id, data, id, data, ...}; nextCursor "0" when the walk is done. A delayed
  record that is due and a lease that expired count as delayed and leased until a take moves them.
]]
local state = ARGV[1]
local page = redis.call('HSCAN', state == 'dead' and KEYS[4] or KEYS[1], ARGV[2], 'COUNT', tonumber(ARGV[3]))
local pairs, out, o = page[2], { page[1] }, 1
for i = 1, #pairs, 2 do
  local id, v = pairs[i], pairs[i + 1]
  if state == 'dead' then
    local _, _, _, errorLength, pos = unpackDead(v)
    out[o + 1], out[o + 2] = id, string.sub(v, pos + errorLength)
    o = o + 2
  elseif not redis.call('ZSCORE', KEYS[3], id) then
    local delayed = redis.call('ZSCORE', KEYS[2], id) ~= false
    if delayed == (state == 'delayed') then
      local _, _, _, tokenLength, errorField, pos = unpackRecord(v)
      local data = string.sub(v, pos + tokenLength)
      if errorField > 0 then data = string.sub(data, errorField) end
      out[o + 1], out[o + 2] = id, data
      o = o + 2
    end
  end
end
return out
