-- A worker that just took a partition's lease: make sure the partition's record and its
-- consumer group exist (the group from the start of the journal, so writes made before any
-- worker ran are drained), count a loss when the journal vanished, and tell whether a
-- previous owner read entries and never committed them; the new owner reads them first.
-- KEYS[1] journal, KEYS[2] committed position, KEYS[3] the partition's record;
-- ARGV[1] group, ARGV[2] the worker's partition count, ARGV[3] the epoch the worker saw
-- when it last held the partition ('' = none), ARGV[4] '1' if the namespace was purged
-- since (a vanished journal is then no loss)
-- Returns {1 if there are such entries else 0, epoch, journal losses counted so far}.
local partitions, epoch = partition_record(KEYS[3])
if partitions ~= '' and partitions ~= ARGV[2] then
  return partitions_mismatch(KEYS[3], partitions, ARGV[2])
end
local journal_exists = redis.call('EXISTS', KEYS[1]) == 1
if partitions == '' then
  epoch = create_partition_record(KEYS[3], ARGV[2])
  -- A new record where the worker knew another one: everything of the partition vanished.
  if ARGV[3] ~= '' and ARGV[4] ~= '1' then
    count_lost_journal(KEYS[3])
  end
elseif not journal_exists or (ARGV[3] ~= '' and ARGV[3] ~= epoch and ARGV[4] ~= '1') then
  count_lost_journal(KEYS[3])
end
redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
local lost = tonumber(redis.call('HGET', KEYS[3], 'lost') or '0')
local committed = committed_position(KEYS[2])
local delivered = group_last_delivered(KEYS[1], ARGV[1])
local uncommitted = 0
if delivered and id_newer(delivered, committed) then
  uncommitted = #redis.call('XRANGE', KEYS[1], '(' .. committed, delivered, 'COUNT', 1)
end
return {uncommitted, epoch, lost}
