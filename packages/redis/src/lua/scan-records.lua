--[[
  scan-records: one page of a walk over a queue's records (or dead letters) in one state, in steps
  of HSCAN; read-only. Record and dead values: the layouts in prelude.lua (recordView).

  A walk position is an HSCAN cursor and the last id returned from that cursor's batch. Each call
  runs HSCAN once at the cursor, keeps the records of the state, sorts their ids and returns those
  after the last id, at most `limit`; the walk moves to the next HSCAN cursor once the batch is
  used up. HSCAN returns the same batch for a cursor while its buckets hold the same records, and
  each record of the hash once per walk unless the hash is resized meanwhile: so a record in the
  state for the whole walk is returned once (twice at most, when Redis resized the hash), and one
  that enters or leaves the state during the walk may or may not be.

  KEYS[1]   records hash        id -> record value
  KEYS[2]   delayed zset        id scored by due time (ms) + sequence fraction
  KEYS[3]   leases zset         id scored by lease expiry (ms)
  KEYS[4]   dead-letters hash   id -> dead value
  ARGV[1]   state: "ready", "delayed", "processing" or "dead"
  ARGV[2]   HSCAN cursor ("0" to start)
  ARGV[3]   the last id returned from this cursor's batch ("" for none)
  ARGV[4]   at most this many records (>= 1)
  ARGV[5]   HSCAN COUNT (>= 1)

  Returns {nextCursor, lastId, then 9 values per record: id, data, priority, attempts, availableAt,
  leaseExpiresAt (-1), lastError or false, failedAt (-1), error or false}; nextCursor "0" with
  lastId "" when the walk is done. A delayed record that is due and a lease that expired count as
  delayed and leased until a take moves them.
]]
local state, after, limit = ARGV[1], ARGV[3], tonumber(ARGV[4])
local dead = state == 'dead'
local page = redis.call('HSCAN', dead and KEYS[4] or KEYS[1], ARGV[2], 'COUNT', tonumber(ARGV[5]))
local batch, values, ids, leaseOf = page[2], {}, {}, {}
for i = 1, #batch, 2 do
  local id = batch[i]
  if id > after and not values[id] then
    local keep = dead
    if not dead then
      local lease = redis.call('ZSCORE', KEYS[3], id)
      if lease then
        keep = state == 'processing'
        leaseOf[id] = lease
      elseif state == 'delayed' or state == 'ready' then
        keep = (redis.call('ZSCORE', KEYS[2], id) ~= false) == (state == 'delayed')
      end
    end
    if keep then
      values[id] = batch[i + 1]
      ids[#ids + 1] = id
    end
  end
end
table.sort(ids)
local out, o = { page[1], '' }, 2
local n = math.min(limit, #ids)
for i = 1, n do
  local id = ids[i]
  local view = { recordView(values[id], dead, leaseOf[id] or false) }
  out[o + 1] = id
  for j = 1, 8 do out[o + 1 + j] = view[j] end
  o = o + 9
end
-- More of this batch is left: stay on its cursor, after the last id returned.
if n < #ids then
  out[1] = ARGV[2]
  out[2] = ids[n]
end
return out
