--[[
  scan-records: one HSCAN step over a queue's records (or dead letters), keeping those in the
  state asked for; read-only. HSCAN's cursor holds while the hash changes: a record in the state
  for the whole walk is returned at least once (perhaps twice); one that changes state may not be.
  Record and dead values: the layouts in prelude.lua (unpackRecord, unpackDead, recordView).

  KEYS[1]   records hash        id -> record value
  KEYS[2]   delayed zset        id scored by due time (ms) + sequence fraction
  KEYS[3]   leases zset         id scored by lease expiry (ms)
  KEYS[4]   dead-letters hash   id -> dead value
  ARGV[1]   state: "ready", "delayed", "processing" or "dead"
  ARGV[2]   HSCAN cursor ("0" to start)
  ARGV[3]   HSCAN COUNT (>= 1)

  Returns {nextCursor, then 9 values per record: id, data, priority, attempts, availableAt,
  leaseExpiresAt (-1), lastError or false, failedAt (-1), error or false}; nextCursor "0" when the
  walk is done. A delayed record that is due and a lease that expired count as delayed and leased
  until a take moves them.
]]
local state = ARGV[1]
local page = redis.call('HSCAN', state == 'dead' and KEYS[4] or KEYS[1], ARGV[2], 'COUNT', tonumber(ARGV[3]))
local pairs, out, o = page[2], { page[1] }, 1
local function emit(id, ...)
  local values = { ... }
  out[o + 1] = id
  for i = 1, 8 do out[o + 1 + i] = values[i] end
  o = o + 9
end
for i = 1, #pairs, 2 do
  local id, v = pairs[i], pairs[i + 1]
  if state == 'dead' then
    emit(id, recordView(v, true, false))
  else
    local lease = redis.call('ZSCORE', KEYS[3], id)
    if lease then
      if state == 'processing' then emit(id, recordView(v, false, lease)) end
    else
      local delayed = redis.call('ZSCORE', KEYS[2], id) ~= false
      if delayed == (state == 'delayed') and state ~= 'processing' then emit(id, recordView(v, false, false)) end
    end
  end
end
return out
