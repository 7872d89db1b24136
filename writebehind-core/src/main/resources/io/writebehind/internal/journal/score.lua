-- Leaderboards: change a member's score and journal the delta in one atomic step.
-- KEYS[1] the board's sorted set, KEYS[2] journal, KEYS[3] the partition's dirty versions,
-- KEYS[4] the partition's record, KEYS[5] the committed position (all one slot)
-- ARGV[1] the board's key in the journal, ARGV[2] journal limit (0 = none), ARGV[3] the
-- writer's partition count, ARGV[4] ttl ms for a board filled with nothing pending,
-- ARGV[5] '' without a base, else the database's position the base was read at,
-- ARGV[6] member ('' to fill only), ARGV[7] delta, ARGV[8..] the base: member, score, ...
-- Returns {1, entry id or '', the member's new score}, {0, journal length} when the journal
-- is full, {2} when the board is not cached and the caller must read its base, {3} when the
-- journal was trimmed past the base's position since it was read.
-- As for counters: a cached board is the database's scores plus the journal's deltas.
local MAX = 9007199254740991
for i = 1, 3, 2 do
  local t = redis.call('TYPE', KEYS[i])['ok']
  local want = i == 1 and 'zset' or 'hash'
  if t ~= 'none' and t ~= want then
    return redis.error_reply('WRONGTYPE ' .. KEYS[i] .. ' holds a ' .. t .. ', not what writebehind keeps there')
  end
end
local partitions = partition_record(KEYS[4])
if partitions ~= '' and partitions ~= ARGV[3] then
  return partitions_mismatch(KEYS[4], partitions, ARGV[3])
end
local member, delta = ARGV[6], tonumber(ARGV[7])
local cached = redis.call('EXISTS', KEYS[1]) == 1
local fill = {}
if not cached then
  if ARGV[5] == '' then
    return {2}
  end
  if id_newer(committed_position(KEYS[5]), ARGV[5]) then
    return {3}
  end
  -- As for counters: a board without a dirty mark has no delta the base lacks.
  local scores = {}
  if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then
    scores = pending_scores(KEYS[2], ARGV[5], ARGV[1])
  end
  for i = 8, #ARGV, 2 do
    scores[ARGV[i]] = (scores[ARGV[i]] or 0) + tonumber(ARGV[i + 1])
  end
  for m, s in pairs(scores) do
    fill[#fill + 1] = string.format('%.0f', s)
    fill[#fill + 1] = m
  end
end
local current = 0
if member ~= '' then
  if cached then
    current = tonumber(redis.call('ZSCORE', KEYS[1], member) or '0')
  else
    for i = 2, #fill, 2 do
      if fill[i] == member then current = tonumber(fill[i - 1]) end
    end
  end
  if current + delta > MAX or current + delta < -MAX then
    return redis.error_reply('WBOVERFLOW ' .. member .. ' would score ' .. string.format('%.0f', current + delta)
      .. ', beyond the leaderboards\' range of +-(2^53 - 1)')
  end
end
local any = member ~= '' and delta ~= 0
local id = ''
-- Only a journaled delta touches the partition's record: a fill leaves no journal, and a
-- record without its journal would be counted as a lost one. The entry goes first: a full
-- journal refuses it before the fill below writes anything.
if any then
  local full
  id, full = append_entry(KEYS[2], KEYS[4], partitions, ARGV[3], tonumber(ARGV[2]), 'k', ARGV[1], 'o', 'z', 'd', ARGV[7],
    'm', member)
  if not id then
    return {0, full}
  end
end
for i = 1, #fill, 1000 do
  redis.call('ZADD', KEYS[1], unpack(fill, i, math.min(i + 999, #fill)))
end
if any then
  redis.call('HSET', KEYS[3], ARGV[1], id)
  redis.call('ZINCRBY', KEYS[1], delta, member)
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  local ttl = tonumber(ARGV[4])
  if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 or ttl <= 0 then
    redis.call('PERSIST', KEYS[1])
  elseif not cached then
    redis.call('PEXPIRE', KEYS[1], ttl)
  end
end
return {1, id, string.format('%.0f', current + (any and delta or 0))}
