-- Shared by every script (prepended when a script is loaded): stream entry ids, groups and
-- the committed position.
local function id_parts(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end
-- a > b for entry ids
local function id_newer(a, b)
  local ma, sa = id_parts(a)
  local mb, sb = id_parts(b)
  if ma ~= mb then return ma > mb end
  return sa > sb
end
-- the last-delivered-id of a consumer group, or nil
local function group_last_delivered(stream, group)
  for _, g in ipairs(redis.call('XINFO', 'GROUPS', stream)) do
    local name, last
    for f = 1, #g, 2 do
      if g[f] == 'name' then name = g[f + 1] end
      if g[f] == 'last-delivered-id' then last = g[f + 1] end
    end
    if name == group then return last end
  end
  return nil
end
-- the partition's committed position (the newest entry id the database has everything up
-- to), '0-0' before any batch committed
local function committed_position(key)
  return redis.call('GET', key) or '0-0'
end
