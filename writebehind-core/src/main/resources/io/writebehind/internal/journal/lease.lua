-- Take, keep or give back a partition lease.
-- KEYS[1] lease; ARGV[1] owner, ARGV[2] ttl ms, ARGV[3] mode: 'acquire' | 'renew' | 'release'
-- Returns 1 if the caller holds the lease afterwards (or released it), else 0.
local owner = redis.call('GET', KEYS[1])
if ARGV[3] == 'acquire' then
  if owner == false or owner == ARGV[1] then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
    return 1
  end
  return 0
elseif ARGV[3] == 'renew' then
  if owner == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return 1
  end
  return 0
else
  if owner == ARGV[1] then
    redis.call('DEL', KEYS[1])
    return 1
  end
  return 0
end
