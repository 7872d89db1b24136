-- A version for a write that bypasses the journal (write-through when the journal is full):
-- an entry id from the key's partition stream, so it orders with every journaled write of
-- the key, deleted at once so no worker ever sees it. The stream keeps its last id.
-- KEYS[1] journal
local id = redis.call('XADD', KEYS[1], '*', 'reserved', '1')
redis.call('XDEL', KEYS[1], id)
return id
