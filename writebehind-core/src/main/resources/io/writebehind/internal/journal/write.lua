-- One write: value + journal entry + version in one atomic step.
-- KEYS[1] value hash, KEYS[2] journal stream, KEYS[3] the partition's dirty versions,
-- KEYS[4] the partition's record (all one slot)
-- ARGV[1] op ('p' put, 'd' delete), ARGV[2] key, ARGV[3] data, ARGV[4] meta ('' = none),
-- ARGV[5] journal limit (0 = none), ARGV[6] the writer's partition count
-- Returns {1, entry id} or {0, journal length} when the journal is full.
-- Every check runs before the first write, so a failure (a refusal, or a server out of
-- memory, which refuses the first write) leaves nothing half done.
for i = 1, 3, 2 do
  local t = redis.call('TYPE', KEYS[i])['ok']
  if t ~= 'none' and t ~= 'hash' then
    return redis.error_reply('WRONGTYPE ' .. KEYS[i] .. ' holds a ' .. t .. ', not what writebehind keeps there')
  end
end
local partitions = partition_record(KEYS[4])
if partitions ~= '' and partitions ~= ARGV[6] then
  return partitions_mismatch(KEYS[4], partitions, ARGV[6])
end
local id, full
if ARGV[4] == '' then
  id, full = append_entry(KEYS[2], KEYS[4], partitions, ARGV[6], tonumber(ARGV[5]), 'k', ARGV[2], 'o', ARGV[1], 'd', ARGV[3])
else
  id, full = append_entry(KEYS[2], KEYS[4], partitions, ARGV[6], tonumber(ARGV[5]), 'k', ARGV[2], 'o', ARGV[1], 'd', ARGV[3],
    'm', ARGV[4])
end
if not id then
  return {0, full}
end
-- A dirty entry must not expire or be evicted by TTL before it is flushed.
redis.call('HSET', KEYS[1], 'd', ARGV[3], 'v', id, 's', ARGV[1])
redis.call('PERSIST', KEYS[1])
-- Which version of the value the worker has to flush before the value may expire: one hash
-- per partition, so the acknowledgement checks a whole batch in one HMGET. The field is the
-- key itself, not the value hash's name: every byte of it goes to the append-only file
-- twice (here and when the flush clears it).
redis.call('HSET', KEYS[3], ARGV[2], id)
return {1, id}
