package parley.cluster;

import java.time.Clock;
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
 * </pre>
 */
public final class Cluster implements AutoCloseable {

    /** Lines a room's stream keeps (XADD MAXLEN ~): its history in a cluster. */
    public static final int STREAM_CAP = 10_000;

    private final RedisRelay relay;
    private final StreamHistoryStore history;

    private Cluster(RedisRelay relay, StreamHistoryStore history) {
        this.relay = relay;
        this.history = history;
    }

    /**
     * Joins the cluster at {@code address} as {@code node}: Redis must answer now (a node that starts without
     * it would hand out nothing but errors); later losses are ridden out.
     *
     * @throws HistoryStoreException with one sentence when Redis cannot be reached
     */
    public static Cluster join(ClusterAddress address, String node, Clock clock, ServerLog log) {
        RedisLink link = new RedisLink(address, node);
        long lastApplied;
        try (Jedis jedis = link.open("start")) {
            String applied = jedis.get(Keys.applied(node));
            lastApplied = applied == null ? 0 : Long.parseLong(applied);
        } catch (JedisException e) {
            throw new HistoryStoreException("cannot reach the cluster's Redis at " + address + ": " + e.getMessage(), e);
        }
        ClusterHealth health = new ClusterHealth(address, clock, log);
        Appender appender = new Appender(link, health, STREAM_CAP, lastApplied);
        log.info("cluster: node " + node + " joined through " + address);
        return new Cluster(new RedisRelay(link, health, appender), new StreamHistoryStore(link, STREAM_CAP, appender));
    }

    /** The relay to give the core. */
    public RoomRelay relay() {
        return relay;
    }

    /** The history to give the core: the rooms' streams. */
    public HistoryStore history() {
        return history;
    }

    /** Appends what waits (a few seconds at most), stops reading, closes the connections. */
    @Override
    public void close() {
        relay.close();
        history.close();
    }
}
