-- A worker's read of new entries made its own, if no other read came between: the worker
-- read the journal with a plain XRANGE after the entry its previous read ended at (no
-- script returns the entries, which costs the server more than reading them), and now moves
-- the group's last delivered entry from that entry to the read's last one, as XREADGROUP
-- would have. The read then covers the journal from the group's last delivered entry on,
-- as readnew.lua's does.
-- KEYS[1] journal; ARGV[1] group, ARGV[2] the entry the read started after, ARGV[3] its last
-- entry (ARGV[2] for an empty read)
-- Returns 1 when the group's last delivered entry was ARGV[2] (it is ARGV[3] now), or 0 when
-- another read moved it: the worker reads again from its committed position.
local delivered = group_last_delivered(KEYS[1], ARGV[1])
if not delivered then
  return redis.error_reply('NOGROUP no group ' .. ARGV[1] .. ' on ' .. KEYS[1])
end
if delivered ~= ARGV[2] then
  return 0
end
if ARGV[3] ~= ARGV[2] then
  redis.call('XGROUP', 'SETID', KEYS[1], ARGV[1], ARGV[3])
end
return 1
