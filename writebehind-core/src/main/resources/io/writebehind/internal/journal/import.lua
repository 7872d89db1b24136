-- Takes the first element of another system's list and journals it as one write, in one
-- atomic step: the element is either still in the list or journaled, never both, never
-- neither. write() is write.lua's body, run unchanged.
-- KEYS[1..4] and ARGV[1..6] as write.lua; KEYS[5] the list; ARGV[7] the element the caller
-- read at its head and built the write from.
-- Returns write.lua's answer ({1, entry id}; {0, journal length} takes nothing), or {2} when
-- the head is no longer ARGV[7] (another reader took it): nothing done.
if redis.call('LINDEX', KEYS[5], 0) ~= ARGV[7] then
  return {2}
end
local r = write()
-- LPOP never needs memory, so it cannot fail where the write above succeeded.
if r[1] == 1 then
  redis.call('LPOP', KEYS[5])
end
return r
