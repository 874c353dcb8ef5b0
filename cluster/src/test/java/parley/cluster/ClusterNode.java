package parley.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import parley.core.ChatCore;
import parley.core.CoreSettings;
import parley.core.ServerLog;
import parley.core.TrustSettings;
import parley.metrics.ServerMetrics;
import parley.server.RunningServer;
import parley.server.ServerBackend;
import parley.server.ServerSettings;

/** One node of a test cluster: a backend on 127.0.0.1:0 whose core is joined to the test's Redis, as the launcher does it. */
final class ClusterNode implements AutoCloseable {

    /** A heartbeat short enough for a test to see a silent node cleared away: within 1.2 s. */
    static final Presence.Timing FAST = new Presence.Timing(Duration.ofMillis(200), Duration.ofSeconds(1),
            Presence.Timing.DEFAULT.claimWait());

    private final Cluster cluster;
    private final ThreadPoolExecutor reads;
    private final RunningServer server;
    final ChatCore core;

    ClusterNode(ServerBackend backend, ClusterAddress redis, String node, Clock clock) throws IOException {
        this(backend, redis, node, clock, CoreSettings.defaults(), Presence.Timing.DEFAULT);
    }

    ClusterNode(ServerBackend backend, ClusterAddress redis, String node, Clock clock, CoreSettings settings,
                Presence.Timing timing) throws IOException {
        this(backend, redis, node, clock, settings, timing, Presence.BACKLOG);
    }

    /** With the presence thread's {@code backlog} ({@link Presence#BACKLOG}). */
    ClusterNode(ServerBackend backend, ClusterAddress redis, String node, Clock clock, CoreSettings settings,
                Presence.Timing timing, int backlog) throws IOException {
        cluster = Cluster.join(redis, node, clock, m -> System.out.println(node + ": " + m), timing, backlog);
        reads = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16));
        core = new ChatCore(clock, ServerLog.silent(), settings, cluster.history(), reads, TrustSettings.inMemory(),
                ServerMetrics.NONE, cluster.relay(), cluster.presence());
        server = backend.start(ServerSettings.forTests(), core);
    }

    /** The node's presence thread, as a test looks into it. */
    Presence presence() {
        return (Presence) cluster.presence();
    }

    InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown(Duration.ofSeconds(2));
        reads.shutdown();
        reads.awaitTermination(5, TimeUnit.SECONDS);
        cluster.close();
    }
}
