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
 * The core's lock is never held across a Redis call: the core only queues ({@link parley.cluster.Appender})
 * or is called back ({@link parley.cluster.StreamReader}). {@link parley.cluster.Cluster} is the entry point.
 */
package parley.cluster;
