-- Counters: change a key's totals and journal the deltas in one atomic step.
-- KEYS[1] the counter's hash (field -> total), KEYS[2] journal, KEYS[3] the partition's dirty
-- versions, KEYS[4] the partition's record, KEYS[5] the committed position (all one slot)
-- ARGV[1] key, ARGV[2] journal limit (0 = none), ARGV[3] the writer's partition count,
-- ARGV[4] ttl ms for a counter filled with nothing pending (0 = none),
-- ARGV[5] '' when the caller has no base, else the database's position (an entry id) that
-- the base rows below were read at, ARGV[6] the number n of fields,
-- ARGV[7..6+n] the fields, ARGV[7+n..6+2n] their deltas, ARGV[7+2n..6+3n] their totals in
-- the database at that position (only with a base).
-- Returns {1, entry id or '' when there were no deltas, total of each field...},
-- {0, journal length} when the journal is full, {2} when the counter is not cached and the
-- caller must read its base from the database, {3} when the journal was trimmed past the
-- base's position since it was read (read it again).
-- A cached counter holds the database's total plus every delta still in the journal: it is
-- filled from a base only together with the journal's deltas after the base's position, and
-- it never expires while it has deltas not yet in the database.
local MAX = 9007199254740991 -- 2^53 - 1: every total and delta below is exact in Lua
-- The counter's own type needs no check: HMGET below refuses a key of another type before
-- anything is written. The dirty versions are written after the journal, so they are checked.
local marks = redis.call('TYPE', KEYS[3])['ok']
if marks ~= 'none' and marks ~= 'hash' then
  return redis.error_reply('WRONGTYPE ' .. KEYS[3] .. ' holds a ' .. marks .. ', not what writebehind keeps there')
end
local partitions = partition_record(KEYS[4])
if partitions ~= '' and partitions ~= ARGV[3] then
  return partitions_mismatch(KEYS[4], partitions, ARGV[3])
end
local n = tonumber(ARGV[6])
local cached = redis.call('EXISTS', KEYS[1]) == 1
local fields, deltas, totals = {}, {}, {}
for i = 1, n do
  fields[i] = ARGV[6 + i]
  deltas[i] = tonumber(ARGV[6 + n + i])
end
if cached then
  local cur = redis.call('HMGET', KEYS[1], unpack(fields))
  for i = 1, n do
    totals[i] = tonumber(cur[i] or '0')
    if totals[i] == nil then
      return redis.error_reply('WRONGTYPE ' .. KEYS[1] .. ' field ' .. fields[i] .. ' is not an integer')
    end
  end
elseif ARGV[5] == '' then
  return {2}
else
  local base = ARGV[5]
  if id_newer(committed_position(KEYS[5]), base) then
    return {3}
  end
  local index = {}
  for i = 1, n do
    totals[i] = tonumber(ARGV[6 + 2 * n + i])
    index[fields[i]] = i
  end
  -- Only a counter with a dirty mark has deltas in the journal the base may lack: with the
  -- position not past the base (checked above), a counter without one had all of its
  -- entries acknowledged, so at or before the base. Without this a cold counter's fill would
  -- read the whole backlog of its partition.
  if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then
    add_pending_deltas(KEYS[2], base, ARGV[1], index, totals)
  end
end
local any = false
for i = 1, n do
  if deltas[i] ~= 0 then any = true end
  local total = totals[i] + deltas[i]
  if total > MAX or total < -MAX then
    return redis.error_reply('WBOVERFLOW ' .. fields[i] .. ' would be ' .. string.format('%.0f', total)
      .. ', beyond the counters\' range of +-(2^53 - 1)')
  end
  totals[i] = total
end
-- Only a journaled delta touches the partition's record: a fill leaves no journal, and a
-- record without its journal would be counted as a lost one.
if any then
  local full = ready_to_journal(KEYS[2], KEYS[4], partitions, ARGV[3], tonumber(ARGV[2]))
  if full then
    return {0, full}
  end
end
local id = ''
if any then
  local parts = {}
  for i = 1, n do
    if deltas[i] ~= 0 then parts[#parts + 1] = fields[i] .. '=' .. ARGV[6 + n + i] end
  end
  id = redis.call('XADD', KEYS[2], '*', 'k', ARGV[1], 'o', 'i', 'd', table.concat(parts, ','))
  redis.call('HSET', KEYS[3], ARGV[1], id)
end
local set = {}
for i = 1, n do
  set[#set + 1] = fields[i]
  set[#set + 1] = string.format('%.0f', totals[i])
end
if n > 0 then
  redis.call('HSET', KEYS[1], unpack(set))
end
local ttl = tonumber(ARGV[4])
if any or ttl <= 0 or redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then
  redis.call('PERSIST', KEYS[1])
elseif not cached then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
local out = {1, id}
for i = 1, n do
  out[#out + 1] = string.format('%.0f', totals[i])
end
return out
