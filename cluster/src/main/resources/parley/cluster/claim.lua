-- Claims a nick for a node, atomically: two nodes asked for one nick at the same instant get one answer each,
-- and exactly one of them is the nick. A claim held by a node whose heartbeat has expired is free: a killed
-- node's nicks expire with it.
-- KEYS: 1 parley:nick:KEY, 2 parley:claims:NODE (the claimant's set of nick keys)
-- ARGV: 1 the claimant node, 2 the nick key, 3 the heartbeat key prefix (parley:alive:)
-- Returns '' when the nick is the claimant's, else the node that holds it.
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] and redis.call('EXISTS', ARGV[3] .. owner) == 1 then
  return owner
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
return ''
