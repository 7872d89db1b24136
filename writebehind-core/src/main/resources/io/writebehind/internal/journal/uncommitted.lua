-- Entries read by some worker and not committed since: everything after the partition's
-- committed position up to the group's last delivered entry. A worker reads these after a
-- takeover, a failed batch or an acknowledgement that could not move the position.
-- KEYS[1] journal, KEYS[2] committed position; ARGV[1] group, ARGV[2] count
-- Returns {committed position, entries after it}.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return redis.error_reply('NOGROUP no journal ' .. KEYS[1])
end
local delivered = group_last_delivered(KEYS[1], ARGV[1])
if not delivered then
  return redis.error_reply('NOGROUP no group ' .. ARGV[1] .. ' on ' .. KEYS[1])
end
local committed = committed_position(KEYS[2])
if not id_newer(delivered, committed) then
  return {committed, {}}
end
return {committed, redis.call('XRANGE', KEYS[1], '(' .. committed, delivered, 'COUNT', tonumber(ARGV[2]))}
