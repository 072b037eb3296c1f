--[[
  Idempotency window (docs/deduplication.md): the ids that left a queue (ack, purge, purge of dead
  letters) within its window, in the queue's window hash. The window (windowMs, passed in ARGV;
  0 = off, and then nothing here runs) is cut into 8 buckets of width = ceil(windowMs / 8) ms;
  bucket e = floor(now / width) lives in ring slot e % 9, and is remembered while
  (e + 1) * width + windowMs > now: an id for at least windowMs and at most windowMs + width.
  Fields: 'w' the layout and width the hash was written with ('s' .. width; another value: the
  hash counts as empty and the next write clears it); 'e' .. s the bucket slot s holds; 'n' .. s
  how many id fields slot s holds; s .. hhh: the entries of slot s whose stem has the prefix hhh,
  concatenated. An id's stem is the id without its last byte, so the ids of one producer's counter
  (core ids end in a base-36 counter) share a stem 36 at a time, and an ack of consecutive ids
  touches one field for many of them (windowEntry). hhh: the first 3 hex digits of the stem's
  SHA-1; the entry (9 bytes): the id's last byte, then the next 8 bytes of that SHA-1 (hex digits
  4-19). An id is thus known by its last byte and 76 bits of its stem's SHA-1: another id is
  taken for it with probability at most s / 2^76 for s stems remembered (1e-17 for 900,000 ids
  that share no stem; 3e-19 for 900,000 counter ids, 25,000 stems).
]]
-- The builtins of the per-id work as locals: a global lookup per use cost about 0.4 us per id (of
-- about 4.5 us per remembered id; Redis 7.0, 50,000 ids in ack calls of 25).
local windowSha1, windowSub, windowPack, windowFind = redis.sha1hex, string.sub, struct.pack, string.find
-- Slot s's name as text: windowSub(WINDOW_SLOT_NAMES, s + 1, s + 1). Concatenating the number s
-- itself formats it (sprintf) on every use: about 0.3 us each, once per remembered id (Redis 7.0).
local WINDOW_SLOT_NAMES = '012345678'
-- The field suffix and the 9-byte entry of `id`. `memo` (windowMemo(), one per script call) keeps
-- the last stem with its suffix and digest: ids of one stem come one after another in a batch (ack
-- and take order is enqueue order), so each stem is hashed once; a table of every stem cost more
-- than it saved when no two ids share one (UUIDs).
local function windowMemo()
  -- Its three fields made at once: a table that gains them one by one is rehashed twice.
  return { stem = false, suffix = false, digest = false }
end

local function windowEntry(memo, id)
  local stem = windowSub(id, 1, -2)
  if stem ~= memo.stem then
    local h = windowSha1(stem)
    memo.stem, memo.suffix = stem, windowSub(h, 1, 3)
    memo.digest = windowPack('>I4I4', tonumber(windowSub(h, 4, 11), 16), tonumber(windowSub(h, 12, 19), 16))
  end
  return memo.suffix, windowSub(id, -1) .. memo.digest
end

-- The live ring slots of the window hash at `now` (their names, '0'..'8'), or nil when windowMs is
-- 0 or no bucket is live. One HMGET.
local function windowSlots(window, windowMs, now)
  if windowMs == 0 then return nil end
  local width = math.ceil(windowMs / 8)
  local meta = redis.call('HMGET', window, 'w', 'e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8')
  if meta[1] ~= 's' .. width then return nil end
  local slots = {}
  for s = 0, 8 do
    local e = tonumber(meta[s + 2])
    if e and (e + 1) * width + windowMs > now then slots[#slots + 1] = windowSub(WINDOW_SLOT_NAMES, s + 1, s + 1) end
  end
  if #slots == 0 then return nil end
  return slots
end

-- Which of `ids` the live `slots` (windowSlots) remember: a table position -> true, or nil for
-- none. HMGET of each field the ids need once (ids of one stem share theirs), in chunks of 999;
-- an entry counts only at a 9-byte boundary of the value.
local function rememberedIds(window, slots, ids)
  local per, memo, bases, entries, fields, index, k, hits = #slots, windowMemo(), {}, {}, {}, {}, 0, nil
  for n = 1, #ids do
    local suffix, entry = windowEntry(memo, ids[n])
    local base = index[suffix]
    if base == nil then
      base = k
      index[suffix] = k
      for j = 1, per do fields[k + j] = slots[j] .. suffix end
      k = k + per
    end
    bases[n], entries[n] = base, entry
  end
  local values = {}
  for from = 1, k, 999 do
    local got = redis.call('HMGET', window, unpack(fields, from, math.min(from + 998, k)))
    for j = 1, #got do values[from + j - 1] = got[j] end
  end
  for n = 1, #ids do
    local entry, base = entries[n], bases[n]
    for j = 1, per do
      local v = values[base + j]
      if v then
        local at = windowFind(v, entry, 1, true)
        while at and (at - 1) % 9 ~= 0 do at = windowFind(v, entry, at + 1, true) end
        if at then
          hits = hits or {}
          hits[n] = true
          break
        end
      end
    end
  end
  return hits
end

-- `ids` left the queue at `now`: each joins the bucket of now in the window hash. A slot that held
-- an older bucket is emptied first (HDEL of its 4096 possible fields, once per width at most);
-- the hash expires when its newest bucket does. Nothing when windowMs is 0. One HMGET and one HSET
-- per call, of one field per stem prefix (windowEntry: consecutive ids share one); 'w', 'e' .. s
-- and the PEXPIRE only when the bucket starts (its expiry is the same for every write to it),
-- 'n' .. s only when it grows by a field.
local function rememberIds(window, windowMs, ids, now)
  if windowMs == 0 or #ids == 0 then return end
  local width = math.ceil(windowMs / 8)
  local layout = 's' .. width
  local epoch = math.floor(now / width)
  local s = epoch % 9
  local slot = windowSub(WINDOW_SLOT_NAMES, s + 1, s + 1)
  -- Counted appends, not t[#t + 1] (a binary search in Lua 5.1): see take.lua.
  local memo, order, added, k = windowMemo(), { 'w', 'e' .. slot, 'n' .. slot }, {}, 3
  local lastSuffix, f = nil, nil
  for n = 1, #ids do
    local suffix, entry = windowEntry(memo, ids[n])
    if suffix ~= lastSuffix then lastSuffix, f = suffix, slot .. suffix end
    local other = added[f]
    if other == nil then
      k = k + 1
      order[k], added[f] = f, entry
    else
      added[f] = other .. entry
    end
  end
  local values = redis.call('HMGET', window, unpack(order, 1, k))
  local count = tonumber(values[3]) or 0
  local fresh = false
  if values[1] ~= layout then
    redis.call('DEL', window)
    count, fresh = 0, true
  elseif tonumber(values[2]) ~= epoch then
    if count > 0 then
      local stale = {}
      for h = 0, 4095 do
        stale[#stale + 1] = string.format('%s%03x', slot, h)
        if #stale == 1024 then
          redis.call('HDEL', window, unpack(stale))
          stale = {}
        end
      end
    end
    count, fresh = 0, true
  end
  local before, writes, w = count, {}, 0
  for j = 4, k do
    local f, old = order[j], values[j]
    if fresh or not old then
      count = count + 1
      writes[w + 1], writes[w + 2] = f, added[f]
    else
      writes[w + 1], writes[w + 2] = f, old .. added[f]
    end
    w = w + 2
    if w == 1000 then
      redis.call('HSET', window, unpack(writes, 1, w))
      w = 0
    end
  end
  if fresh then
    redis.call('HSET', window, 'w', layout, order[2], string.format('%d', epoch), order[3], count, unpack(writes, 1, w))
    redis.call('PEXPIRE', window, (epoch + 1) * width + windowMs - now)
  elseif count ~= before then
    redis.call('HSET', window, order[3], count, unpack(writes, 1, w))
  elseif w > 0 then
    redis.call('HSET', window, unpack(writes, 1, w))
  end
end

-- For one group of an enqueue (`ids`, the first at ARGV index `first`, one per `stride` values,
-- up to `last`): calls store(a, b) for each run of records whose id the live `slots` do not
-- remember, and appends `group` and the 0-based position of each remembered one to `out`.
local function storeNotRemembered(window, slots, ids, first, last, stride, store, group, out)
  local hits = rememberedIds(window, slots, ids)
  if hits == nil then return store(first, last) end
  local run = nil
  for n = 1, #ids do
    local i = first + (n - 1) * stride
    if hits[n] then
      if run then store(run, i - 1) end
      run = nil
      out[#out + 1] = group
      out[#out + 1] = n - 1
    elseif run == nil then
      run = i
    end
  end
  if run then store(run, last) end
end
