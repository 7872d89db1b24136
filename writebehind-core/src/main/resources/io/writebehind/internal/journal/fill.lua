-- Cache-aside fill after a miss: only if nothing is there, so a concurrent put
-- (which is newer than anything the loader read) is never overwritten.
-- KEYS[1] value hash; ARGV[1] data, ARGV[2] ttl in ms (0 = none)
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'd', ARGV[1], 's', 'c')
local ttl = tonumber(ARGV[2])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return 1
