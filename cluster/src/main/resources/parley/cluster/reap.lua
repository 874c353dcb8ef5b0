-- Clears away a node whose heartbeat expired, once: its people, its nick claims, its place in the node set,
-- and says so on the presence stream so every node announces its people's leave.
-- KEYS: 1 parley:alive:DEAD, 2 parley:members:DEAD, 3 parley:claims:DEAD, 4 parley:nodes, 5 parley:presence
-- ARGV: 1 DEAD, 2 the nick key prefix (parley:nick:), 3 the presence stream's cap, 4 why (said to its people's rooms)
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0 -- it is back
end
for _, key in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if redis.call('GET', ARGV[2] .. key) == ARGV[1] then
    redis.call('DEL', ARGV[2] .. key)
  end
end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('SREM', KEYS[4], ARGV[1])
redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[3], '*', 'o', 'G', 'd', ARGV[1], 'w', ARGV[4])
return 1
