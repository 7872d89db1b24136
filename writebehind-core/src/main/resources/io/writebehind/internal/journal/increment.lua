-- Counters: change a key's totals and journal the deltas in one atomic step.
-- KEYS[1] the counter's hash (field -> total), KEYS[2] journal, KEYS[3] the partition's dirty
-- versions, KEYS[4] the partition's record, KEYS[5] the committed position (only with a
-- base; all one slot)
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
-- The writer's partition count is checked against the partition's record where the record
-- is read anyway, not on every increment (one command fewer on the hot path): when the
-- counter is filled (every counter's first use), when the journal is gone (append_entry),
-- and by the builder and every worker's lease. A writer with another count that got past
-- the builder is refused at its first counter it has not filled.
local MAX = 9007199254740991 -- 2^53 - 1: every total and delta below is exact in Lua
-- The counter's own type needs no check: HMGET below refuses a key of another type before
-- anything is written. Nor do the dirty versions' (see their HSET below).
local n = tonumber(ARGV[6])
local fields, deltas, totals = {}, {}, {}
for i = 1, n do
  fields[i] = ARGV[6 + i]
  deltas[i] = tonumber(ARGV[6 + n + i])
end
-- the partition's record's count, once read (nil: not read)
local partitions
-- A counter is filled with every field it has, so one HMGET tells whether it is cached; an
-- EXISTS is needed only when no field is there.
local cur = redis.call('HMGET', KEYS[1], unpack(fields))
local cached = false
for i = 1, n do
  if cur[i] then
    cached = true
    break
  end
end
if not cached then
  cached = redis.call('EXISTS', KEYS[1]) == 1
end
if cached then
  for i = 1, n do
    totals[i] = tonumber(cur[i] or '0')
    if totals[i] == nil then
      return redis.error_reply('WRONGTYPE ' .. KEYS[1] .. ' field ' .. fields[i] .. ' is not an integer')
    end
  end
elseif ARGV[5] == '' then
  return {2}
else
  partitions = partition_record(KEYS[4])
  if partitions ~= '' and partitions ~= ARGV[3] then
    return partitions_mismatch(KEYS[4], partitions, ARGV[3])
  end
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
local set, parts = {}, {}
for i = 1, n do
  local total = totals[i] + deltas[i]
  if total > MAX or total < -MAX then
    return redis.error_reply('WBOVERFLOW ' .. fields[i] .. ' would be ' .. string.format('%.0f', total)
      .. ', beyond the counters\' range of +-(2^53 - 1)')
  end
  if deltas[i] ~= 0 then
    any = true
    parts[#parts + 1] = fields[i] .. '=' .. ARGV[6 + n + i]
  end
  set[2 * i - 1] = fields[i]
  set[2 * i] = string.format('%.0f', total)
end
local id, persist = '', false
-- Only a journaled delta touches the partition's record: a fill leaves no journal, and a
-- record without its journal would be counted as a lost one.
if any then
  local full, refused
  id, full, refused = append_entry(KEYS[2], KEYS[4], partitions, ARGV[3], tonumber(ARGV[2]),
    'k', ARGV[1], 'o', 'i', 'd', table.concat(parts, ','))
  if refused then
    return refused
  end
  if not id then
    return {0, full}
  end
  -- The dirty versions' type is not checked up front (a TYPE per increment): a key of
  -- another type there makes this HSET fail, and the entry just journaled is taken back, so
  -- nothing is half done.
  local marked = redis.pcall('HSET', KEYS[3], ARGV[1], id)
  if type(marked) == 'table' and marked.err then
    redis.call('XDEL', KEYS[2], id)
    return redis.error_reply('WRONGTYPE ' .. KEYS[3] .. ' is not a hash, not what writebehind keeps there')
  end
  -- A counter with a dirty mark has no TTL (a mark is set only with PERSIST, and the
  -- acknowledgement gives a TTL only when it removes the mark): only a new mark needs one.
  persist = marked == 1
end
if n > 0 then
  redis.call('HSET', KEYS[1], unpack(set))
end
local ttl = tonumber(ARGV[4])
if persist or (not any and (ttl <= 0 or redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1)) then
  redis.call('PERSIST', KEYS[1])
elseif not any and not cached then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
local out = {1, id}
for i = 1, n do
  out[2 + i] = set[2 * i]
end
return out
