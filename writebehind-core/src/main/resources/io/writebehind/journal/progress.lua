-- State of one partition's journal, read in one step.
-- KEYS[1] journal, KEYS[2] lease, KEYS[3] dead letters; ARGV[1] group, ARGV[2] mark ('' = none)
-- Returns {length, pending, oldest entry id or '', last generated id or '',
--          last delivered id or '', lease owner or '', dead letters, server ms,
--          1 if every entry up to the mark is acknowledged else 0}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local owner = redis.call('GET', KEYS[2]) or ''
local dlq = redis.call('XLEN', KEYS[3])
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {0, 0, '', '', '', owner, dlq, now, 1}
end
local len = redis.call('XLEN', KEYS[1])
local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
local oldest = ''
if #first > 0 then oldest = first[1][1] end
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local lastgen = ''
for f = 1, #info, 2 do
  if info[f] == 'last-generated-id' then lastgen = info[f + 1] end
end
local delivered = group_last_delivered(KEYS[1], ARGV[1]) or ''
local pending = 0
local smallest = ''
if delivered ~= '' then
  local p = redis.call('XPENDING', KEYS[1], ARGV[1])
  pending = p[1]
  if pending > 0 then smallest = p[2] end
end
-- Flushed up to the mark: nothing at or below it is pending or waiting to be delivered.
-- The mark may be an id no worker will ever see (a version reserved by a write-through),
-- so undelivered entries are looked up rather than compared with the last delivered id.
local done = 1
local mark = ARGV[2]
if mark ~= '' and mark ~= '0-0' then
  if delivered == '' then
    if len > 0 then done = 0 end
  elseif smallest ~= '' and not id_newer(smallest, mark) then
    done = 0
  elseif id_newer(mark, delivered) and #redis.call('XRANGE', KEYS[1], '(' .. delivered, mark, 'COUNT', 1) > 0 then
    done = 0
  end
end
return {len, pending, oldest, lastgen, delivered, owner, dlq, now, done}
