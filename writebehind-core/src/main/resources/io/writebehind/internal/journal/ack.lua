-- After the database commit of a batch: move the partition's committed position past the
-- batch, let each flushed value expire (TTL from now on) unless a newer write came
-- meanwhile, and trim the journal up to the committed position.
-- KEYS[1] journal, KEYS[2] the partition's dirty versions (key -> version still to flush),
-- KEYS[3] the committed position, KEYS[4..] value hashes of the batch's flushed records
-- ARGV[1] ttl ms, ARGV[2] the batch's oldest entry id in this partition, ARGV[3] its newest,
-- ARGV[4..3+n] the flushed version (entry id) of each value hash, in KEYS order,
-- ARGV[4+n] one letter per value hash, 'p' put or 'd' delete,
-- ARGV[5+n] length of the value hashes' common prefix (what follows is the key),
-- ARGV[6+n] '1' to trim, '0' to keep committed entries (a journal kept for replay)
-- Returns {values marked clean, 1 if the position is past the batch or 0 if it could not
-- move there, 1 if the dirty versions could not be read}. The position cannot move when an
-- entry before the batch was read and never committed (a worker died holding it): the caller
-- reads again from the position, and nothing is skipped. Nothing a user's key holds can make
-- this script fail: a key it cannot read keeps its value (no TTL), and the position moves.
local ttl = tonumber(ARGV[1])
local first, last = ARGV[2], ARGV[3]
local n = #KEYS - 3
local ops = ARGV[4 + n]
local prefix = tonumber(ARGV[5 + n])
-- The database holds these versions whatever happens to the position, so the values may
-- expire now. An absolute deadline: the append-only file and replicas take PEXPIREAT as it
-- is, where a relative PEXPIRE is rewritten into one for every key.
local expireAt
if ttl > 0 then
  local now = redis.call('TIME')
  expireAt = string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + ttl)
end
local clean = {}
local unreadable = 0
local marks = redis.call('TYPE', KEYS[2])['ok']
if marks ~= 'hash' and marks ~= 'none' then
  unreadable = 1
  n = 0
end
for i = 1, n, 500 do
  local upto = math.min(i + 499, n)
  local fields = {}
  for j = i, upto do
    fields[j - i + 1] = string.sub(KEYS[3 + j], prefix + 1)
  end
  local current = redis.call('HMGET', KEYS[2], unpack(fields))
  for j = i, upto do
    -- No mark: a newer write's flush cleaned it already, or it was removed by hand.
    if current[j - i + 1] == ARGV[3 + j] then
      local key = KEYS[3 + j]
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
local committed = committed_position(KEYS[3])
if not id_newer(last, committed) then
  return {#clean, 1, unreadable}
end
-- Contiguity is the fence: the position only moves over entries that some batch committed.
if id_newer(first, committed)
    and #redis.call('XRANGE', KEYS[1], '(' .. committed, '(' .. first, 'COUNT', 1) > 0 then
  return {#clean, 0, unreadable}
end
redis.call('SET', KEYS[3], last)
if ARGV[6 + n] == '1' then
  local ms, seq = id_parts(last)
  redis.call('XTRIM', KEYS[1], 'MINID', string.format('%d-%d', ms, seq + 1))
end
return {#clean, 1, unreadable}
