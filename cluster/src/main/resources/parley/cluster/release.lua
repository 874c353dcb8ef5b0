-- Gives up a nick, if the node still holds it (a claim taken over after the node was thought dead is not
-- touched). KEYS: 1 parley:nick:KEY, 2 parley:claims:NODE. ARGV: 1 the node, 2 the nick key.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
end
redis.call('SREM', KEYS[2], ARGV[2])
return 1
