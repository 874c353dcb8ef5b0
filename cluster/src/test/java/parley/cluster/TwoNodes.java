package parley.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import parley.core.CoreSettings;
import parley.selector.SelectorBackend;
import parley.threaded.ThreadedBackend;

/**
 * A test cluster: a real redis-server, node a on the selector backend and node b on the threaded one, and
 * the clients a test makes; everything closed in the reverse order.
 */
final class TwoNodes implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    final RedisServer redis;
    final ClusterNode a;
    final ClusterNode b;
    final ClusterClients clients = new ClusterClients();

    /** {@code durable}: see {@link RedisServer#start(Path, boolean)}. */
    TwoNodes(Path dir, boolean durable) throws IOException {
        this(dir, durable, CoreSettings.defaults(), Presence.Timing.DEFAULT);
    }

    /** With the cores' {@code settings} and the heartbeat's {@code timing}. */
    TwoNodes(Path dir, boolean durable, CoreSettings settings, Presence.Timing timing) throws IOException {
        redis = RedisServer.start(dir, durable);
        a = new ClusterNode(new SelectorBackend(), redis.address(), "a", CLOCK, settings, timing);
        b = new ClusterNode(new ThreadedBackend(), redis.address(), "b", CLOCK, settings, timing);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {clients, a, b, redis}) {
            c.close();
        }
    }
}
