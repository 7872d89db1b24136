-- Discard a dead letter. If the cache still holds the value the database never got, drop
-- that too, so readers load what the database has.
-- KEYS[1] value hash, KEYS[2] dead letters, KEYS[3] the partition's dirty versions;
-- ARGV[1] dead-letter id, ARGV[2] the key (its field in the dirty hash)
-- Returns 1 if it was there, 0 if not.
local found = redis.call('XRANGE', KEYS[2], ARGV[1], ARGV[1])
if #found == 0 then
  return 0
end
local fields = found[1][2]
local original
for i = 1, #fields, 2 do
  if fields[i] == 'id' then original = fields[i + 1] end
end
if original and redis.call('HGET', KEYS[1], 'v') == original then
  redis.call('DEL', KEYS[1])
end
if original and redis.call('HGET', KEYS[3], ARGV[2]) == original then
  redis.call('HDEL', KEYS[3], ARGV[2])
end
redis.call('XDEL', KEYS[2], ARGV[1])
return 1
