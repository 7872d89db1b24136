-- Hand a partition's retained entries back to the workers, from an id on: the committed
-- position moves back to just before the first of them. Acknowledged entries stay in the
-- journal only when the workers keep them (trimming off). The workers read everything after
-- the position again, as after a takeover, and the version guard turns what the database
-- already has into no-ops; the position then moves forward batch by batch as usual.
-- KEYS[1] journal, KEYS[2] committed position; ARGV[1] from id (inclusive)
-- Returns {'ok', first entry handed back, the committed position it ran to, entries (counted
-- up to 100000)} | {'none', the committed position, the oldest entry in the journal or ''}
local committed = committed_position(KEYS[2])
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'none', committed, ''}
end
local first = redis.call('XRANGE', KEYS[1], ARGV[1], committed, 'COUNT', 1)
if #first == 0 then
  local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
  return {'none', committed, #oldest > 0 and oldest[1][1] or ''}
end
local from = first[1][1]
-- The entry before it, or none: inclusive ranges, which every server version reads.
local around = redis.call('XREVRANGE', KEYS[1], from, '-', 'COUNT', 2)
local before = '0-0'
if #around == 2 then before = around[2][1] end
local count = 0
local cursor = from
while count < 100000 do
  local page = redis.call('XRANGE', KEYS[1], cursor, committed, 'COUNT', 1000)
  count = count + #page
  if #page < 1000 then break end
  local ms, seq = id_parts(page[#page][1])
  cursor = string.format('%d-%d', ms, seq + 1)
end
redis.call('SET', KEYS[2], before)
return {'ok', from, committed, count}
