-- A worker that just took a partition's lease: make sure the consumer group exists
-- (from the start of the journal, so writes made before any worker ran are drained),
-- then take over every entry a previous owner left pending.
-- KEYS[1] journal; ARGV[1] group, ARGV[2] consumer
-- Returns the number of entries claimed.
redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
local cursor = '0-0'
local claimed = 0
for _ = 1, 100 do
  local r = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, cursor, 'COUNT', 1000, 'JUSTID')
  claimed = claimed + #r[2]
  cursor = r[1]
  if cursor == '0-0' then
    break
  end
end
return claimed
