-- A counter's drift check: its cached totals and, for each field, the deltas journaled after
-- the position a database read was made at. Cached = database + pending, or it drifted.
-- KEYS[1] the counter's hash, KEYS[2] journal, KEYS[3] the committed position, KEYS[4] the
-- partition's dirty versions
-- ARGV[1] key, ARGV[2] the database read's position (an entry id), ARGV[3..] the fields
-- Returns {1, cached total or '' per field..., pending per field...}, {0} when not cached,
-- {3} when the journal was trimmed past the position since (read the database again).
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {0}
end
if id_newer(committed_position(KEYS[3]), ARGV[2]) then
  return {3}
end
local fields, index, pending = {}, {}, {}
for i = 3, #ARGV do
  fields[#fields + 1] = ARGV[i]
  index[ARGV[i]] = #fields
  pending[#fields] = 0
end
if redis.call('HEXISTS', KEYS[4], ARGV[1]) == 1 then
  add_pending_deltas(KEYS[2], ARGV[2], ARGV[1], index, pending)
end
local out = {1}
for _, v in ipairs(redis.call('HMGET', KEYS[1], unpack(fields))) do
  out[#out + 1] = v or ''
end
for i = 1, #fields do
  out[#out + 1] = string.format('%.0f', pending[i])
end
return out
