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
import parley.server.RunningServer;
import parley.server.ServerBackend;
import parley.server.ServerSettings;

/** One node of a test cluster: a backend on 127.0.0.1:0 whose core is joined to the test's Redis, as the launcher does it. */
final class ClusterNode implements AutoCloseable {

    private final Cluster cluster;
    private final ThreadPoolExecutor reads;
    private final RunningServer server;
    final ChatCore core;

    ClusterNode(ServerBackend backend, ClusterAddress redis, String node, Clock clock) throws IOException {
        cluster = Cluster.join(redis, node, clock, m -> System.out.println(node + ": " + m));
        reads = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16));
        core = new ChatCore(clock, ServerLog.silent(), CoreSettings.defaults(), cluster.history(), reads,
                cluster.relay());
        server = backend.start(ServerSettings.forTests(), core);
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
