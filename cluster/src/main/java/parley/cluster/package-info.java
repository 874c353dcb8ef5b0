/**
 * Several parley servers as one chat, through one Redis: each room is a Redis stream that gives its lines
 * their one order and their ids. docs/CLUSTER.md has the design and the guarantees.
 *
 * <pre>
 *  ChatCore.speak --> RedisRelay.say --> Appender (a thread, a bounded queue)
 *                                          | EVALSHA append.lua: INCR parley:ids, XADD parley:room:KEY N-0
 *                                          v
 *                                    Redis streams, one per room (capped)
 *                                          | XREAD BLOCK over the rooms with people on this node
 *                                          v
 *  ChatCore.heard <------------------ StreamReader (a thread): this node's lines and every other node's
 *  /history ---------------------------> StreamHistoryStore: XRANGE / XREVRANGE
 * </pre>
 *
 *
 * <p>Presence ({@link parley.core.PresenceRelay}): {@link parley.cluster.Presence}, a thread of its own, claims
 * nicks (claim.lua), writes the node's people (parley:members:NODE) and their comings and goings
 * (parley:presence), sends private messages to other nodes' inboxes, renews the node's heartbeat and clears away
 * nodes whose heartbeat expired (reap.lua); {@link parley.cluster.PresenceFeed}, read in the reader's one
 * XREAD, hands the other nodes' presence (from a snapshot taken at one instant by snapshot.lua, then the
 * presence stream's entries after it) and private messages to the core.
 *
 * <p>The core's lock is never held across a Redis call: the core only queues ({@link parley.cluster.Appender},
 * {@link parley.cluster.Presence}) or is called back ({@link parley.cluster.StreamReader}).
 * {@link parley.cluster.Cluster} is the entry point.
 */
package parley.cluster;
