-- After a write-through commit: show the committed value in the cache unless a newer
-- write is there already.
-- KEYS[1] value hash, KEYS[2] the partition's dirty versions; ARGV[1] version (entry id),
-- ARGV[2] op, ARGV[3] data, ARGV[4] ttl ms, ARGV[5] the key (its field in the dirty hash)
local cur = redis.call('HGET', KEYS[1], 'v')
if cur and not id_newer(ARGV[1], cur) then
  return 0
end
-- Every write still in the journal for this key is older than the committed one: the
-- database's guard will skip them, and the cache shows the committed value from now on.
redis.call('HDEL', KEYS[2], ARGV[5])
if ARGV[2] == 'd' then
  redis.call('DEL', KEYS[1])
  return 1
end
redis.call('HSET', KEYS[1], 'd', ARGV[3], 'v', ARGV[1], 's', 'c')
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
else
  redis.call('PERSIST', KEYS[1])
end
return 1
