-- After the database commit of a batch: acknowledge the partition's entries, let each
-- flushed value expire (TTL from now on) unless a newer write came meanwhile, and trim the
-- journal below the oldest entry anyone still needs.
-- KEYS[1] journal, KEYS[2] the partition's dirty versions (key -> version still to flush),
-- KEYS[3..] value hashes of the batch's flushed records in this partition
-- ARGV[1] group, ARGV[2] ttl ms, ARGV[3] m = number of entry ids, ARGV[4..3+m] entry ids,
-- ARGV[4+m..3+m+n] the flushed version (entry id) of each value hash, in KEYS order,
-- ARGV[4+m+n] one letter per value hash, 'p' put or 'd' delete,
-- ARGV[5+m+n] length of the value hashes' common prefix (what follows is the key),
-- last ARGV '1' to trim, '0' to keep acknowledged entries (a journal kept for replay)
-- The versions are checked in the dirty hash, a whole batch per HMGET, so each flushed key
-- costs one command of its own (PEXPIREAT, or DEL for a delete).
local group = ARGV[1]
local ttl = tonumber(ARGV[2])
local m = tonumber(ARGV[3])
local n = #KEYS - 2
for i = 1, m, 500 do
  redis.call('XACK', KEYS[1], group, unpack(ARGV, 3 + i, 3 + math.min(i + 499, m)))
end
local ops = ARGV[4 + m + n]
local prefix = tonumber(ARGV[5 + m + n])
-- An absolute deadline: the append-only file and replicas take PEXPIREAT as it is, where a
-- relative PEXPIRE is rewritten into one for every key.
local expireAt
if ttl > 0 then
  local now = redis.call('TIME')
  expireAt = string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + ttl)
end
local clean = {}
for i = 1, n, 500 do
  local last = math.min(i + 499, n)
  local fields = {}
  for j = i, last do
    fields[j - i + 1] = string.sub(KEYS[2 + j], prefix + 1)
  end
  local current = redis.call('HMGET', KEYS[2], unpack(fields))
  for j = i, last do
    local version = current[j - i + 1]
    if not version then
      -- No dirty mark: written before the marks existed (an upgrade with a full journal),
      -- or already cleaned. The value's own version decides, as it did before.
      version = redis.call('HGET', KEYS[2 + j], 'v')
    end
    if version == ARGV[3 + m + j] then
      local key = KEYS[2 + j]
      if string.sub(ops, j, j) == 'd' then
        redis.call('DEL', key)
      elseif expireAt then
        redis.call('PEXPIREAT', key, expireAt)
      end
      clean[#clean + 1] = fields[j - i + 1]
    end
  end
end
for i = 1, #clean, 500 do
  redis.call('HDEL', KEYS[2], unpack(clean, i, math.min(i + 499, #clean)))
end
if ARGV[#ARGV] == '1' then
  local pending = redis.call('XPENDING', KEYS[1], group)
  local minid
  if pending[1] > 0 then
    minid = pending[2]
  else
    local last = group_last_delivered(KEYS[1], group)
    if last then
      local ms, seq = id_parts(last)
      minid = string.format('%d-%d', ms, seq + 1)
    end
  end
  if minid then
    redis.call('XTRIM', KEYS[1], 'MINID', minid)
  end
end
return #clean
