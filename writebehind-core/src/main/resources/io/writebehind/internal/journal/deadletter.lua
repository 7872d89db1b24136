-- Move one journal entry that can never be applied from the journal to the dead-letter
-- stream, with why, in one step: it is in exactly one of the two at any moment, and a
-- second worker moving the same entry (a takeover re-reads it) finds it gone. The copy
-- comes first: a server that refuses it for lack of memory leaves the entry in the journal.
-- KEYS[1] journal, KEYS[2] dead letters; ARGV[1] entry id, ARGV[2] key,
-- ARGV[3] op, ARGV[4] data, ARGV[5] meta, ARGV[6] error, ARGV[7] attempts, ARGV[8] time ms,
-- ARGV[9] the write's version (its own entry id, or the original's for a replayed one)
-- Returns 1 if moved, 0 if it was no longer in the journal.
if #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1]) == 0 then
  return 0
end
redis.call('XADD', KEYS[2], '*', 'id', ARGV[9], 'k', ARGV[2], 'o', ARGV[3], 'd', ARGV[4],
  'm', ARGV[5], 'error', ARGV[6], 'attempts', ARGV[7], 'at', ARGV[8])
redis.call('XDEL', KEYS[1], ARGV[1])
return 1
