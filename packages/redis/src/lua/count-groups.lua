--[[
  count-groups: the groups with the most records ready to take now, most first, without changing
  anything (fair groups: group-prelude.lua). Reads every group's list length at every level: one LLEN
  per group and level that has ready records, so its cost grows with the number of such groups.

  KEYS[1..10] group rings         priority 1..10: groupIds by turn; a group's list is ring .. ':' .. groupId
  ARGV[1]     at most this many groups (>= 1)

  Returns a flat array, 2 values per group: groupId, records ready (summed over levels); ties by
  groupId. Records without a group ('' in a ring) are left out.
]]
local totals, names = {}, {}
for i = 1, 10 do
  for _, g in ipairs(redis.call('ZRANGE', KEYS[i], 0, -1)) do
    if g ~= '' then
      local ready = redis.call('LLEN', KEYS[i] .. ':' .. g)
      if totals[g] == nil then
        totals[g] = 0
        names[#names + 1] = g
      end
      totals[g] = totals[g] + ready
    end
  end
end
table.sort(names, function(a, b)
  if totals[a] ~= totals[b] then return totals[a] > totals[b] end
  return a < b
end)
local out = {}
for i = 1, math.min(#names, tonumber(ARGV[1])) do
  out[#out + 1] = names[i]
  out[#out + 1] = totals[names[i]]
end
return out
