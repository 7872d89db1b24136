-- A worker that just took a partition's lease: make sure the consumer group exists (from
-- the start of the journal, so writes made before any worker ran are drained), and tell
-- whether a previous owner read entries and never committed them; the new owner reads
-- them first.
-- KEYS[1] journal, KEYS[2] committed position; ARGV[1] group
-- Returns 1 if there are such entries, else 0.
redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
local committed = committed_position(KEYS[2])
local delivered = group_last_delivered(KEYS[1], ARGV[1])
if not delivered or not id_newer(delivered, committed) then
  return 0
end
return #redis.call('XRANGE', KEYS[1], '(' .. committed, delivered, 'COUNT', 1)
