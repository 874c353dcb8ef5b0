package parley.cluster;

import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * Opens connections to the cluster's Redis for one node. Each of the node's threads holds a connection of
 * its own (a Jedis connection is not thread-safe, and a blocking XREAD would hold up anyone sharing it).
 */
final class RedisLink {

    /** A socket read waits this long: longer than the reader's blocking XREAD. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ClusterAddress address;
    private final String node;

    RedisLink(ClusterAddress address, String node) {
        this.address = address;
        this.node = node;
    }

    ClusterAddress address() {
        return address;
    }

    String node() {
        return node;
    }

    /** A new connection, named after the node and its role (CLIENT LIST shows who is who). */
    Jedis open(String role) {
        return new Jedis(new HostAndPort(address.host(), address.port()), config(role));
    }

    private JedisClientConfig config(String role) {
        return DefaultJedisClientConfig.builder().database(address.db()).clientName("parley-" + node + "-" + role)
                .timeoutMillis((int) TIMEOUT.toMillis()).build();
    }
}
