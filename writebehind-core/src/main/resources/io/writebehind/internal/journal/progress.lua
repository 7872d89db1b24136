-- State of one partition's journal, read in one step.
-- KEYS[1] journal, KEYS[2] lease, KEYS[3] dead letters, KEYS[4] committed position,
-- KEYS[5] the partition's record; ARGV[1] group, ARGV[2] mark ('' = none), ARGV[3] '1' to
-- count the pending and unflushed entries
-- Returns {length, pending (0 when not counted), oldest unflushed entry id or '',
--          last generated id or '', last delivered id or '', lease owner or '',
--          dead letters, server ms, 1 if every entry up to the mark is flushed else 0,
--          the record's epoch or '', journal losses (one more when the journal is gone
--          now and its record is not: no script has counted that yet), rollbacks found,
--          entries ever added to the journal (-1 where the server does not count them: Redis 6),
--          unflushed entries (after the committed position; 0 when not counted)}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local owner = redis.call('GET', KEYS[2]) or ''
local dlq = redis.call('XLEN', KEYS[3])
local partitions, epoch = partition_record(KEYS[5])
local lost = tonumber(redis.call('HGET', KEYS[5], 'lost') or '0')
local rolledback = tonumber(redis.call('HGET', KEYS[5], 'rolledBack') or '0')
if redis.call('EXISTS', KEYS[1]) == 0 then
  if partitions ~= '' then lost = lost + 1 end
  return {0, 0, '', '', '', owner, dlq, now, 1, epoch, lost, rolledback, 0, 0}
end
local committed = committed_position(KEYS[4])
local len = redis.call('XLEN', KEYS[1])
local first = redis.call('XRANGE', KEYS[1], '(' .. committed, '+', 'COUNT', 1)
local oldest = ''
if #first > 0 then oldest = first[1][1] end
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local lastgen, added = '', -1
for f = 1, #info, 2 do
  if info[f] == 'last-generated-id' then lastgen = info[f + 1] end
  if info[f] == 'entries-added' then added = info[f + 1] end
end
local delivered = group_last_delivered(KEYS[1], ARGV[1]) or ''
-- Entries after 'after' up to 'upto', a page at a time, up to 10,000: whole entries come
-- back to the script, so the cap bounds its memory and time.
local function count_after(after, upto)
  local n, from = 0, '(' .. after
  while n < 10000 do
    local page = redis.call('XRANGE', KEYS[1], from, upto, 'COUNT', 1000)
    n = n + #page
    if #page < 1000 then break end
    from = '(' .. page[#page][1]
  end
  return n
end
-- Counted only when asked (a flush polls without them):
-- pending: read by a worker, not committed;
-- unflushed: every entry when the journal is trimmed (its oldest entry is the oldest after
-- the position); a journal kept for replay also holds flushed entries before the position,
-- so those after it are counted.
local pending, unflushed = 0, 0
if ARGV[3] == '1' then
  if delivered ~= '' and id_newer(delivered, committed) then
    pending = count_after(committed, delivered)
  end
  if oldest ~= '' then
    if redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1][1] == oldest then
      unflushed = len
    else
      unflushed = count_after(committed, '+')
    end
  end
end
-- Flushed up to the mark: no entry at or below it is left after the committed position
-- (dead letters have left the journal). The mark may be an id no worker will ever see (a
-- version reserved by a write-through), so entries are looked up, not compared with it.
local done = 1
local mark = ARGV[2]
if mark ~= '' and id_newer(mark, committed)
    and #redis.call('XRANGE', KEYS[1], '(' .. committed, mark, 'COUNT', 1) > 0 then
  done = 0
end
return {len, pending, oldest, lastgen, delivered, owner, dlq, now, done, epoch, lost, rolledback, added, unflushed}
