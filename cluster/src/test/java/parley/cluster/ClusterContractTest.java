package parley.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import parley.conformance.ClusterContract;
import parley.core.CoreSettings;
import parley.selector.SelectorBackend;
import parley.threaded.ThreadedBackend;

/** The cluster's part of the contract on a real redis-server: node a on the selector backend, node b threaded. */
class ClusterContractTest extends ClusterContract {

    @TempDir
    Path dir;

    private RedisServer redis;
    private ClusterNode a;
    private ClusterNode b;

    @Override
    protected List<InetSocketAddress> startNodes() throws IOException {
        redis = RedisServer.start(dir);
        a = new ClusterNode(new SelectorBackend(), redis.address(), "a", CLOCK, CoreSettings.defaults(), ClusterNode.FAST);
        b = new ClusterNode(new ThreadedBackend(), redis.address(), "b", CLOCK, CoreSettings.defaults(), ClusterNode.FAST);
        return List.of(a.address(), b.address());
    }

    @Override
    protected String nodeName(int i) {
        return i == 0 ? "a" : "b";
    }

    @Override
    protected void stopNodes() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }
}
