-- Move one journal entry that can never be applied to the dead-letter stream, with why,
-- and acknowledge it, in one step: it is in exactly one of the two at any moment.
-- KEYS[1] journal, KEYS[2] dead letters; ARGV[1] group, ARGV[2] entry id, ARGV[3] key,
-- ARGV[4] op, ARGV[5] data, ARGV[6] meta, ARGV[7] error, ARGV[8] attempts, ARGV[9] time ms,
-- ARGV[10] the write's version (its own entry id, or the original's for a replayed one)
redis.call('XADD', KEYS[2], '*', 'id', ARGV[10], 'k', ARGV[3], 'o', ARGV[4], 'd', ARGV[5],
  'm', ARGV[6], 'error', ARGV[7], 'attempts', ARGV[8], 'at', ARGV[9])
return redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
