-- After the database commit of a batch: acknowledge the partition's entries, mark the
-- flushed values clean (TTL from now on) unless a newer write came meanwhile, and trim
-- the journal below the oldest entry anyone still needs.
-- KEYS[1] journal, KEYS[2..] value hashes of the batch's records in this partition
-- ARGV[1] group, ARGV[2] ttl ms, ARGV[3] m = number of entry ids, ARGV[4..3+m] entry ids,
-- ARGV[4+m..3+m+#KEYS-1] the flushed version (entry id) of each value hash, in KEYS order,
-- last ARGV '1' to trim, '0' to keep acknowledged entries (a journal kept for replay)
local group = ARGV[1]
local ttl = tonumber(ARGV[2])
local m = tonumber(ARGV[3])
for i = 1, m, 500 do
  redis.call('XACK', KEYS[1], group, unpack(ARGV, 3 + i, 3 + math.min(i + 499, m)))
end
local cleaned = 0
for j = 2, #KEYS do
  local cur = redis.call('HMGET', KEYS[j], 'v', 's')
  if cur[1] == ARGV[3 + m + j - 1] then
    if cur[2] == 'd' then
      redis.call('DEL', KEYS[j])
    elseif cur[2] == 'p' then
      redis.call('HSET', KEYS[j], 's', 'c')
      if ttl > 0 then
        redis.call('PEXPIRE', KEYS[j], ttl)
      end
    end
    cleaned = cleaned + 1
  end
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
return cleaned
