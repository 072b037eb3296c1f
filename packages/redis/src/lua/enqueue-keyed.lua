--[[
  enqueue-keyed: stores one enqueue call of which some records carry a deduplication key
  (docs/deduplication.md), all or none, in call order, so a key taken by an earlier record of the
  call holds for the later ones. The hold follows the mode of the record that took it:
  until-settled and ttl drop a record that meets it; debounce stores the new record in place of
  the waiting one: the one held back behind the holder if any, else the holder when it waits
  (ready, delayed or retrying); when none waits (the holder is in flight), it is stored held back
  behind it (prelude.lua, unparkId), replacing none. Holds whose end is due are removed first, up
  to 1000 per call, releasing what they held back.
  Record values: the layout in prelude.lua (packRecord); holds: prelude.lua (readHold).

  KEYS[1]     records hash        id -> record value
  KEYS[2]     dead-letters hash   id -> dead record (checked for duplicate ids)
  KEYS[3]     delayed zset        id scored by due time (ms) + (seq % 1024) / 1024
  KEYS[4]     leases zset         id scored by lease expiry (ms)
  KEYS[5]     counters hash       field q = sequence of delayed inserts
  KEYS[6]     dedup hash          'k' .. key -> hold, 'i' .. id -> spec
  KEYS[7]     dedup expiry zset   key scored by the end of its hold (ms)
  KEYS[8..17] ready lists         priority 1..10, FIFO
  KEYS[18]    window hash         ids remembered by the idempotency window (prelude-window.lua)
  ARGV[1]     now (ms since epoch), or -1 to use the server's TIME
  ARGV[2]     wake channel (classic pub/sub)
  ARGV[3]     idempotency window (ms; 0 = off): a record whose id it remembers is not stored
  ARGV[4..]   5 values per record: id, priority (1-10), delayMs (>= 0), data, spec ('' = no key)

  Returns { duplicate ids, deduplicated }: when ids are already present (waiting, leased or
  dead), nothing was stored; deduplicated is flat, 3 values per record that met a hold: its
  1-based position in the call, the id of the holder, 1 when it replaced that holder (else 0);
  2 with its own id when the window remembers its id (it takes no key).
  Publishes on the wake channel "0" when the ready lists were empty before a ready record was
  stored, else the due time of the earliest delayed record stored.
]]
local now = resolveNow(ARGV[1])
local records, dead, delayed, leases, counters, dedup, expiry = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]

local ids = {}
for i = 4, #ARGV, 5 do ids[#ids + 1] = ARGV[i] end
local dups = storedIds(records, dead, ids)
if #dups > 0 then return { dups, {} } end
local slots = windowSlots(KEYS[18], tonumber(ARGV[3]), now)
local remembered = slots and rememberedIds(KEYS[18], slots, ids)

local due = redis.call('ZRANGEBYSCORE', expiry, '-inf', now, 'LIMIT', 0, 1000)
for _, key in ipairs(due) do
  if not readHold(dedup, key, now) then
    unparkHold(records, delayed, dedup, key)
    redis.call('HDEL', dedup, 'k' .. key)
  end
end
if #due > 0 then redis.call('ZREM', expiry, unpack(due)) end

local readyBefore = redis.call('EXISTS', unpack(KEYS, 8, 17)) > 0
local storedReady, firstDue = false, nil

local function store(i)
  local id, priority, delayMs = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
  local availableAt = now + delayMs
  redis.call('HSET', records, id, packRecord(priority, 0, availableAt, '', 0, ARGV[i + 3]))
  if delayMs > 0 then
    local seq = redis.call('HINCRBY', counters, 'q', 1)
    redis.call('ZADD', delayed, availableAt + (seq % 1024) / 1024, id)
    if firstDue == nil or availableAt < firstDue then firstDue = availableAt end
  else
    storedReady = true
    redis.call('RPUSH', KEYS[7 + priority], id)
  end
end

-- The waiting record of a debounce hold (stored and not leased), or nil, and true when it is held back.
local function waitingOf(hold)
  local parked = hold.ids[2]
  if parked and tonumber(redis.call('ZSCORE', delayed, parked)) == PARKED_AT then return parked, true end
  for _, id in ipairs(hold.ids) do
    if redis.call('HEXISTS', records, id) == 1 and not redis.call('ZSCORE', leases, id) then return id, false end
  end
  return nil, false
end

-- Stores the record at ARGV[i] held back (prelude.lua, unparkId): its own due time in its value.
local function park(i)
  local id, priority, delayMs = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
  redis.call('HSET', records, id, packRecord(priority, 0, now + delayMs, '', 0, ARGV[i + 3]))
  redis.call('ZADD', delayed, PARKED_AT, id)
end

local function cancel(id)
  local p = recordPriority(redis.call('HGET', records, id))
  if redis.call('ZREM', delayed, id) == 0 then redis.call('LREM', KEYS[7 + p], -1, id) end
  redis.call('HDEL', records, id)
  redis.call('HDEL', dedup, 'i' .. id)
end

local deduplicated = {}
for n = 1, #ids do
  local i = 4 + (n - 1) * 5
  local id, spec = ARGV[i], ARGV[i + 4]
  local hold = nil
  if remembered and remembered[n] then
    deduplicated[#deduplicated + 1] = n
    deduplicated[#deduplicated + 1] = id
    deduplicated[#deduplicated + 1] = 2
  elseif spec ~= '' then
    local _, _, key = parseSpec(spec)
    hold = readHold(dedup, key, now)
    if hold == nil then
      store(i)
      takeHold(dedup, expiry, spec, id, now)
    elseif hold.mode ~= 'd' then
      deduplicated[#deduplicated + 1] = n
      deduplicated[#deduplicated + 1] = hold.ids[1]
      deduplicated[#deduplicated + 1] = 0
    else
      local waiting, parked = waitingOf(hold)
      if waiting and not parked then store(i) else park(i) end
      redis.call('HSET', dedup, 'i' .. id, spec)
      if waiting then
        cancel(waiting)
        for j, held in ipairs(hold.ids) do
          if held == waiting then hold.ids[j] = id end
        end
        deduplicated[#deduplicated + 1] = n
        deduplicated[#deduplicated + 1] = waiting
        deduplicated[#deduplicated + 1] = 1
      else
        hold.ids[#hold.ids + 1] = id
      end
      writeHold(dedup, key, hold)
    end
  else
    store(i)
  end
end

if storedReady then
  if not readyBefore then redis.call('PUBLISH', ARGV[2], '0') end
elseif firstDue then
  redis.call('PUBLISH', ARGV[2], string.format('%d', firstDue))
end
return { dups, deduplicated }
