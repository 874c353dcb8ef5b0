-- Everyone on the other nodes and the presence stream's last id, read at one instant (a script runs atomically):
-- a reader that applies the stream's entries after that id applies none twice and misses none.
-- KEYS: 1 parley:nodes, 2 parley:presence
-- ARGV: 1 the members key prefix (parley:members:), 2 the reading node (left out)
-- Returns { last id, node, { entry, ... }, node, { entry, ... }, ... }
local top = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
local out = { top[1] and top[1][1] or '0-0' }
for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if node ~= ARGV[2] then
    out[#out + 1] = node
    out[#out + 1] = redis.call('HVALS', ARGV[1] .. node)
  end
end
return out
