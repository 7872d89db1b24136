-- A journal rolled back by a failover: a replica promoted before it had the last entries
-- lost them, while a worker had already applied them to the database, whose position is
-- now ahead of the journal. New entries must get ids above that position, or the sink takes
-- them for entries it has and skips them: the journal's last id is moved up to it (XSETID),
-- and the rollback is counted in the partition's record with the range of ids lost.
-- KEYS[1] journal, KEYS[2] the partition's record; ARGV[1] the database's position (an
-- entry id), ARGV[2] group
-- Returns '' when the journal is not behind the position, else its last id before the move.
if redis.call('EXISTS', KEYS[1]) == 0 then
  -- A journal gone with its record is another loss (claim counts it); one made anew by the
  -- group gets its last id moved like any other.
  redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[2], '0', 'MKSTREAM')
end
local last = '0-0'
local info = redis.call('XINFO', 'STREAM', KEYS[1])
for f = 1, #info, 2 do
  if info[f] == 'last-generated-id' then last = info[f + 1] end
end
if not id_newer(ARGV[1], last) then
  return ''
end
redis.call('XSETID', KEYS[1], ARGV[1])
redis.call('HINCRBY', KEYS[2], 'rolledBack', 1)
redis.call('HSET', KEYS[2], 'rolledBackFrom', last, 'rolledBackTo', ARGV[1])
return last
