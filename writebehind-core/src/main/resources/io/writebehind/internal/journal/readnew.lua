-- New entries for a worker, with what came before them: the group's last delivered entry
-- before this read. Everything up to it went to some worker, so a batch whose database
-- position is at or past it covers the journal without a gap (see the counters' position).
-- KEYS[1] journal; ARGV[1] group, ARGV[2] consumer, ARGV[3] count
-- Returns {last delivered before the read, entries}.
local before = group_last_delivered(KEYS[1], ARGV[1])
if not before then
  return redis.error_reply('NOGROUP no group ' .. ARGV[1] .. ' on ' .. KEYS[1])
end
local got = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', tonumber(ARGV[3]), 'NOACK',
  'STREAMS', KEYS[1], '>')
if not got then
  return {before, {}}
end
return {before, got[1][2]}
