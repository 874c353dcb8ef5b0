package parley.cluster;

import java.time.Clock;
import parley.core.PresenceRelay;
import parley.core.RoomRelay;
import parley.core.ServerLog;
import parley.history.HistoryStore;
import parley.history.HistoryStoreException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One node's membership of a cluster: what {@code parley server --cluster} gives its core instead of a local
 * history store and relay. docs/CLUSTER.md has the design.
 *
 * <pre>
 *  ChatCore --say--> RedisRelay --> Appender thread --EVALSHA append.lua--> parley:room:KEY (stream)
 *  ChatCore <--heard-- StreamReader thread <--XREAD BLOCK------------------------'
 *  /history --> StreamHistoryStore --XRANGE / XREVRANGE--> the same streams
 *  nicks, comings and goings, /msg --> Presence thread --> parley:nick:*, parley:members:NODE, parley:presence
 *  other nodes' people, /msg for here <-- PresenceFeed (in the StreamReader's XREAD) <-----'
 *  heartbeat parley:alive:NODE (PX expiry), renewed by the Presence thread; a silent node is cleared away
 * </pre>
 */
public final class Cluster implements AutoCloseable {

    /** Lines a room's stream keeps (XADD MAXLEN ~): its history in a cluster. */
    public static final int STREAM_CAP = 10_000;

    private final RedisRelay relay;
    private final StreamHistoryStore history;
    private final Presence presence;

    private Cluster(RedisRelay relay, StreamHistoryStore history, Presence presence) {
        this.relay = relay;
        this.history = history;
        this.presence = presence;
    }

    /**
     * Joins the cluster at {@code address} as {@code node}: Redis must answer now (a node that starts without
     * it would hand out nothing but errors); later losses are ridden out.
     *
     * @throws HistoryStoreException with one sentence when Redis cannot be reached
     */
    public static Cluster join(ClusterAddress address, String node, Clock clock, ServerLog log) {
        return join(address, node, clock, log, Presence.Timing.DEFAULT);
    }

    /** As above, with the heartbeat's timing: tests shorten it. */
    static Cluster join(ClusterAddress address, String node, Clock clock, ServerLog log, Presence.Timing timing) {
        return join(address, node, clock, log, timing, Presence.BACKLOG);
    }

    /** As above, with the presence thread's {@code backlog} ({@link Presence#BACKLOG}): tests lower it. */
    static Cluster join(ClusterAddress address, String node, Clock clock, ServerLog log, Presence.Timing timing,
                        int backlog) {
        RedisLink link = new RedisLink(address, node);
        ClusterHealth health = new ClusterHealth(address, clock, log);
        long lastApplied;
        Presence presence;
        try (Jedis jedis = link.open("start")) {
            String applied = jedis.get(Keys.applied(node));
            lastApplied = applied == null ? 0 : Long.parseLong(applied);
            presence = new Presence(link, health, timing, backlog, jedis);
        } catch (JedisException e) {
            throw new HistoryStoreException("cannot reach the cluster's Redis at " + address + ": " + e.getMessage(), e);
        }
        Appender appender = new Appender(link, health, STREAM_CAP, lastApplied);
        log.info("cluster: node " + node + " joined through " + address);
        return new Cluster(new RedisRelay(link, health, appender, presence.feed()),
                new StreamHistoryStore(link, STREAM_CAP, appender), presence);
    }

    /** The relay to give the core. */
    public RoomRelay relay() {
        return relay;
    }

    /** The presence to give the core: nicks claimed in Redis, people on every node. */
    public PresenceRelay presence() {
        return presence;
    }

    /** The history to give the core: the rooms' streams. */
    public HistoryStore history() {
        return history;
    }

    /** Appends what waits (a few seconds at most), stops reading, closes the connections. */
    @Override
    public void close() {
        presence.close(); // says goodbye: this node's people leave the other nodes' /who at once
        relay.close();
        history.close();
    }
}
