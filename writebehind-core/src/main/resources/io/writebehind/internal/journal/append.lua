-- Events: journal a run of events of one partition and update what readers see at cache
-- speed, in one atomic step.
-- KEYS[1] journal, KEYS[2] the partition's record, then per event its latest-event hash
-- and, when recent lists are kept, its recent list (all one slot)
-- ARGV[1] journal limit (0 = none), ARGV[2] the writer's partition count, ARGV[3] ttl ms of
-- the latest event and the recent list (0 = none), ARGV[4] length of a recent list (0 =
-- none kept), ARGV[5] the partition, then per event its key and its data
-- Returns {1, entry id per event} or {0, journal length} when the journal is full.
-- An event's id is its entry id read as one number (milliseconds times a million plus the
-- sequence), so it must be unique across the partitions' journals, which count on their own:
-- each journal's sequences are its partition modulo the partition count. The last id given
-- is kept in the partition's record ('a'); an entry added otherwise (a replayed dead letter)
-- is found when XADD refuses an id, and counted from.
-- An event is never overwritten, so nothing in the cache has to outlive its flush: the
-- journal holds each event until the database has it, and the cached copies may expire.
local per = tonumber(ARGV[4]) > 0 and 2 or 1
local count = (#ARGV - 5) / 2
-- Every check runs before the first write: a key of another type would leave half a run.
for i = 1, count do
  for j = 1, per do
    local k = KEYS[2 + (i - 1) * per + j]
    local t = redis.call('TYPE', k)['ok']
    local want = j == 1 and 'hash' or 'list'
    if t ~= 'none' and t ~= want then
      return redis.error_reply('WRONGTYPE ' .. k .. ' holds a ' .. t .. ', not what writebehind keeps there')
    end
  end
end
local record = redis.call('HMGET', KEYS[2], 'n', 'a')
local partitions, last = record[1] or '', record[2] or '0-0'
if partitions ~= '' and partitions ~= ARGV[2] then
  return partitions_mismatch(KEYS[2], partitions, ARGV[2])
end
local limit = tonumber(ARGV[1])
local length = limit > 0 and redis.call('XLEN', KEYS[1]) or nil
if length and length >= limit then
  return {0, length}
end
-- The record made to exist, or a journal found gone while its record stayed counted, once
-- per run: the ids below are explicit, which NOMKSTREAM cannot tell apart. A journal with
-- entries is there.
if partitions == '' then
  create_partition_record(KEYS[2], ARGV[2])
elseif (length or 0) == 0 and redis.call('EXISTS', KEYS[1]) == 0 then
  count_lost_journal(KEYS[2])
end
local P, mine = tonumber(ARGV[2]), tonumber(ARGV[5])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
-- The smallest id after 'after' whose sequence is this partition's, at the server's clock or
-- later. Sequences stay under a million: an id is read as milliseconds times a million plus it.
local function next_id(after)
  local ms, seq = id_parts(after)
  if now > ms then
    return string.format('%.0f-%d', now, mine)
  end
  local s = seq < mine and mine or (math.floor((seq - mine) / P) + 1) * P + mine
  if s >= 1000000 then
    return string.format('%.0f-%d', ms + 1, mine)
  end
  return string.format('%.0f-%.0f', ms, s)
end
local function add(key, data)
  local id = next_id(last)
  local ok = redis.pcall('XADD', KEYS[1], id, 'k', key, 'o', 'e', 'd', data)
  if type(ok) == 'table' and ok.err then
    -- An entry newer than the last id kept here: count from the journal's own last id.
    local info = redis.call('XINFO', 'STREAM', KEYS[1])
    for f = 1, #info, 2 do
      if info[f] == 'last-generated-id' then last = info[f + 1] end
    end
    id = next_id(last)
    redis.call('XADD', KEYS[1], id, 'k', key, 'o', 'e', 'd', data)
  end
  last = id
  return id
end
local ttl = tonumber(ARGV[3])
local recent = tonumber(ARGV[4])
local out = {1}
for i = 1, count do
  local key, data = ARGV[4 + 2 * i], ARGV[5 + 2 * i]
  local id = add(key, data)
  local latest = KEYS[2 + (i - 1) * per + 1]
  redis.call('HSET', latest, 'd', data, 'v', id)
  if ttl > 0 then redis.call('PEXPIRE', latest, ttl) end
  if recent > 0 then
    local list = KEYS[2 + (i - 1) * per + 2]
    redis.call('LPUSH', list, data)
    redis.call('LTRIM', list, 0, recent - 1)
    if ttl > 0 then redis.call('PEXPIRE', list, ttl) end
  end
  out[#out + 1] = id
end
redis.call('HSET', KEYS[2], 'a', last)
return out
