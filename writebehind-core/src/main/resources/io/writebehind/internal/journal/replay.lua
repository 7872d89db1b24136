-- Put a dead letter back into the journal with its original version, unless the cache
-- holds a newer write of its key. The version travels in the entry ('v'), so the
-- database's guard still refuses it if a newer write reached the database meanwhile
-- (and the cache entry of that newer write has already expired). The cache is left
-- alone: it holds either this very write or nothing.
-- KEYS[1] value hash, KEYS[2] journal, KEYS[3] dead letters (same slot); ARGV[1] dead-letter id
-- Returns {1, new entry id} | {0, 'superseded'} | {0, 'missing'}
local found = redis.call('XRANGE', KEYS[3], ARGV[1], ARGV[1])
if #found == 0 then
  return {0, 'missing'}
end
local f = {}
local fields = found[1][2]
for i = 1, #fields, 2 do f[fields[i]] = fields[i + 1] end
local cur = redis.call('HGET', KEYS[1], 'v')
if cur and id_newer(cur, f['id']) then
  return {0, 'superseded'}
end
local id
if f['m'] == nil or f['m'] == '' then
  id = redis.call('XADD', KEYS[2], '*', 'k', f['k'], 'o', f['o'], 'd', f['d'], 'v', f['id'])
else
  id = redis.call('XADD', KEYS[2], '*', 'k', f['k'], 'o', f['o'], 'd', f['d'], 'm', f['m'], 'v', f['id'])
end
redis.call('XDEL', KEYS[3], ARGV[1])
return {1, id}
