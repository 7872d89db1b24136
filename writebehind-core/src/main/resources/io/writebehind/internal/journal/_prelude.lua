-- Shared by every script (prepended when a script is loaded): stream entry ids, groups and
-- the committed position.
local function id_parts(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end
-- a > b for entry ids
local function id_newer(a, b)
  local ma, sa = id_parts(a)
  local mb, sb = id_parts(b)
  if ma ~= mb then return ma > mb end
  return sa > sb
end
-- the last-delivered-id of a consumer group, or nil
local function group_last_delivered(stream, group)
  for _, g in ipairs(redis.call('XINFO', 'GROUPS', stream)) do
    local name, last
    for f = 1, #g, 2 do
      if g[f] == 'name' then name = g[f + 1] end
      if g[f] == 'last-delivered-id' then last = g[f + 1] end
    end
    if name == group then return last end
  end
  return nil
end
-- the partition's committed position (the newest entry id the database has everything up
-- to), '0-0' before any batch committed
local function committed_position(key)
  return redis.call('GET', key) or '0-0'
end
-- The partition's record (a hash in the partition's own slot, so a script can check it with
-- the journal): 'n' the namespace's partition count, 'e' an epoch that is new whenever the
-- record is created, 'lost' how often the journal was found gone while its record stayed.
-- Returns the record's count and epoch ('' and '' when there is none).
local function partition_record(record)
  local got = redis.call('HMGET', record, 'n', 'e')
  return got[1] or '', got[2] or ''
end
-- Creates the record with a new epoch; returns the epoch.
local function create_partition_record(record, partitions)
  local t = redis.call('TIME')
  local epoch = t[1] .. '.' .. t[2]
  redis.call('HSET', record, 'n', partitions, 'e', epoch)
  return epoch
end
-- The refusal when a writer or worker counts partitions otherwise than the namespace does:
-- its keys would go to journals no worker of the namespace reads.
local function partitions_mismatch(record, recorded, mine)
  return redis.error_reply('WBPARTITIONS ' .. record .. ' records ' .. recorded
    .. ' partitions, this client uses ' .. mine .. '; use the same count (or purge the namespace)')
end
-- Counts a journal that vanished (evicted, deleted, flushed away) while its record stayed.
local function count_lost_journal(record)
  local t = redis.call('TIME')
  redis.call('HINCRBY', record, 'lost', 1)
  redis.call('HSET', record, 'lostAt', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
end
-- Adds to totals[index[field]] the deltas of the key's increments journaled after the entry
-- id 'after': what a counter's total has beyond a database read at that position.
local function add_pending_deltas(journal, after, key, index, totals)
  for _, e in ipairs(redis.call('XRANGE', journal, '(' .. after, '+')) do
    local f = e[2]
    local k, o, d
    for j = 1, #f, 2 do
      if f[j] == 'k' then k = f[j + 1] elseif f[j] == 'o' then o = f[j + 1] elseif f[j] == 'd' then d = f[j + 1] end
    end
    if k == key and o == 'i' and d then
      for name, delta in string.gmatch(d, '([%w_]+)=(-?%d+)') do
        local at = index[name]
        if at then totals[at] = totals[at] + tonumber(delta) end
      end
    end
  end
end
-- The leaderboard's member -> delta journaled after the entry id 'after' for the board 'key':
-- what its cached scores have beyond a database read at that position.
local function pending_scores(journal, after, key)
  local out = {}
  for _, e in ipairs(redis.call('XRANGE', journal, '(' .. after, '+')) do
    local f = e[2]
    local k, o, d, m
    for j = 1, #f, 2 do
      if f[j] == 'k' then k = f[j + 1] elseif f[j] == 'o' then o = f[j + 1]
      elseif f[j] == 'd' then d = f[j + 1] elseif f[j] == 'm' then m = f[j + 1] end
    end
    if k == key and o == 'z' and m and tonumber(d) then
      out[m] = (out[m] or 0) + tonumber(d)
    end
  end
  return out
end
-- The journal's length when it holds 'limit' entries or more (0: no limit), else nil.
local function journal_full(journal, limit)
  if limit > 0 then
    local len = redis.call('XLEN', journal)
    if len >= limit then
      return len
    end
  end
  return nil
end
-- Journals one entry (the field/value pairs after 'limit'), and returns its id: refuses a
-- journal at its limit (returns nil and its length), makes the partition's record exist, or
-- counts a journal found gone while its record stayed. NOMKSTREAM lets the append itself
-- tell that the journal is gone, instead of an EXISTS before every entry. The first write
-- is the append or the record's creation, after every check of the caller: a server out of
-- memory refuses it with nothing done. A caller that did not read the record (nil
-- 'recorded_count': it is read here only when the journal is gone, not on every entry) may
-- also get nil, nil and the refusal of a record of another partition count.
local function append_entry(journal, record, recorded_count, my_count, limit, ...)
  local full = journal_full(journal, limit)
  if full then
    return nil, full
  end
  if recorded_count == '' then
    create_partition_record(record, my_count)
  else
    local id = redis.call('XADD', journal, 'NOMKSTREAM', '*', ...)
    if id then
      return id
    end
    if recorded_count == nil then
      recorded_count = partition_record(record)
      if recorded_count ~= '' and recorded_count ~= my_count then
        return nil, nil, partitions_mismatch(record, recorded_count, my_count)
      end
    end
    if recorded_count == '' then
      create_partition_record(record, my_count)
    else
      count_lost_journal(record)
    end
  end
  return redis.call('XADD', journal, '*', ...)
end
