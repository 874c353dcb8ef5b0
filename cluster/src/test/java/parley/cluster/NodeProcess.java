package parley.cluster;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import parley.core.CoreSettings;
import parley.selector.SelectorBackend;

/**
 * A cluster node in a process of its own, for a test to kill with {@code destroyForcibly} (SIGKILL: no goodbye,
 * no shutdown hook). Arguments: the Redis port, the node's name. Prints {@code listening PORT} once it accepts.
 */
final class NodeProcess {

    private NodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        ClusterAddress redis = new ClusterAddress("127.0.0.1", Integer.parseInt(args[0]), 0);
        ClusterNode node = new ClusterNode(new SelectorBackend(), redis, args[1], Clock.systemUTC(),
                CoreSettings.defaults(), ClusterNode.FAST);
        System.out.println("listening " + node.address().getPort());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }

    /** Starts one as a child of the test's JVM, on the test's class path. */
    static Process start(ClusterAddress redis, String name) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName(),
                Integer.toString(redis.port()), name).redirectErrorStream(true).start();
    }
}
