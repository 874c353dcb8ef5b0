package parley.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import parley.cluster.Cluster;
import parley.cluster.ClusterAddress;
import parley.core.Names;
import parley.core.ServerLog;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --cluster} and {@code --node}: several servers as one chat through Redis (docs/CLUSTER.md). */
final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "redis://HOST:PORT[/DB]",
            description = "Be one node of a cluster that shares rooms, nicks and history through this Redis "
                    + "(see docs/CLUSTER.md). Room history then lives in Redis: --data is not used.")
    String cluster;

    @Option(names = "--node", paramLabel = "NAME",
            description = "This node's name in the cluster, unique among its nodes and the same across restarts "
                    + "(letters, digits, _ and -; default: the host name and the process id).")
    String node;

    private ClusterAddress address;

    /** Refuses, as a usage error, an address or name that cannot work, or a flag that means nothing here. */
    void check(CommandLine cl, HistoryOptions history) {
        if (cluster == null) {
            if (node != null) {
                throw new CommandLine.ParameterException(cl, "--node names a node of a cluster: give --cluster too");
            }
            return;
        }
        try {
            address = ClusterAddress.parse(cluster);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--cluster: " + e.getMessage());
        }
        if (history.data != null) {
            throw new CommandLine.ParameterException(cl,
                    "--data and --cluster cannot go together: a cluster keeps its history in Redis");
        }
        if (node != null) {
            Names.problem(node).ifPresent(problem -> {
                throw new CommandLine.ParameterException(cl, "--node " + node + " " + problem);
            });
        }
        // The local store only serves as the history readers' home: the streams hold the lines.
        history.data = HistoryOptions.NONE;
    }

    /**
     * Joins the cluster, or empty without {@code --cluster}.
     *
     * @throws parley.history.HistoryStoreException with one sentence when Redis cannot be reached
     */
    Joined join(Clock clock, ServerLog log) {
        return new Joined(cluster == null ? Optional.empty() : Optional.of(Cluster.join(address, nodeName(), clock, log)));
    }

    /** The cluster a server joined, if any; leaving it appends what waits, after the server has stopped. */
    record Joined(Optional<Cluster> cluster) implements AutoCloseable {
        @Override
        public void close() {
            cluster.ifPresent(Cluster::close);
        }
    }

    private String nodeName() {
        if (node != null) {
            return node;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_-]", "-");
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
