-- Appends one line to its room's stream with the next cluster-wide id as the entry id N-0, so that id
-- order is stream order. Atomic (a script), so the counter at N means every line up to N is in its stream.
-- KEYS: 1 the id counter, 2 the node's applied sequence, 3 the room's stream
-- ARGV: 1 the node's sequence number of this line, 2 the stream's cap, 3 the highest id the node has seen,
--       4.. time, kind, nick, address, text
local applied = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[1]) <= applied then
  return 0 -- a batch sent again after a lost connection: this line is in already
end
redis.call('SET', KEYS[2], ARGV[1])
local id = redis.call('INCR', KEYS[1])
-- A counter behind what the node has seen (a Redis restarted empty, or from an older snapshot) must never
-- hand out an id again: the nodes would take the line for one they have delivered already.
if id <= tonumber(ARGV[3]) then
  id = tonumber(ARGV[3]) + 1
  redis.call('SET', KEYS[1], id)
end
local top = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)
if #top > 0 then
  local last = tonumber(string.match(top[1][1], '^(%d+)'))
  if last >= id then
    id = last + 1
    redis.call('SET', KEYS[1], id)
  end
end
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[2], id .. '-0',
  't', ARGV[4], 'k', ARGV[5], 'n', ARGV[6], 'a', ARGV[7], 'x', ARGV[8])
return id
