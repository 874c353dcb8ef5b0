-- Appends one line to its room's stream with the next cluster-wide id as the entry id N-0, so that id
-- order is stream order. Atomic (a script), so the counter at N means every line up to N is in its stream.
-- KEYS: 1 the id counter, 2 the node's applied sequence, 3 the room's stream
-- ARGV: 1 the node's sequence number of this line, 2 the stream's cap, 3.. time, kind, nick, address, text
local applied = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[1]) <= applied then
  return 0 -- a batch sent again after a lost connection: this line is in already
end
redis.call('SET', KEYS[2], ARGV[1])
local id = redis.call('INCR', KEYS[1])
-- A counter behind its stream (a Redis restored from an older snapshot) must not refuse the line.
local top = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)
if #top > 0 then
  local last = tonumber(string.match(top[1][1], '^(%d+)'))
  if last >= id then
    id = last + 1
    redis.call('SET', KEYS[1], id)
  end
end
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[2], id .. '-0',
  't', ARGV[3], 'k', ARGV[4], 'n', ARGV[5], 'a', ARGV[6], 'x', ARGV[7])
return id
