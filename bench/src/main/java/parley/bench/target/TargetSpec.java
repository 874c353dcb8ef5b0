package parley.bench.target;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A server to measure, as named on the command line.
 *
 * <pre>
 *  --backends selector,threaded   -&gt; Backend("selector"), Backend("threaded")   (a server JVM per run)
 *  --backends selector+store      -&gt; Backend("selector", stored)    (its history in a SQLite file of its own)
 *  ... --cluster 2                 -&gt; and Cluster("selector", 2), ...             (2 JVMs + redis-server per run)
 *  --target redis://127.0.0.1:6379 -&gt; Redis(host, port, started=false)          (already running)
 *  --start-redis                   -&gt; Redis(127.0.0.1, free port, started=true) (redis-server per run)
 *  --target line://127.0.0.1:7777  -&gt; Line(host, port)                           (any text-protocol server)
 * </pre>
 */
public sealed interface TargetSpec {

    /** The name of its rows, e.g. {@code selector}, {@code redis}, {@code line://127.0.0.1:7777}. */
    String label();

    /**
     * A parley backend the bench starts itself, with {@code parley server --backend NAME}. {@code stored}
     * ({@code NAME+store} on the command line) keeps the run's history in a SQLite file, in a fresh folder per
     * run deleted after it, where a plain backend keeps it in memory: the store's cost, side by side with the
     * same backend without it in one bench run.
     */
    record Backend(String name, boolean stored) implements TargetSpec {

        /** What a backend's name ends with on the command line to run it with its history in a file. */
        public static final String STORED = "+store";

        public Backend(String name) {
            this(name, false);
        }

        /** {@code selector} or {@code selector+store}. */
        public static Backend parse(String text) {
            return text.endsWith(STORED) ? new Backend(text.substring(0, text.length() - STORED.length()), true)
                    : new Backend(text, false);
        }

        @Override
        public String label() {
            return stored ? name + STORED : name;
        }
    }

    /**
     * {@code nodes} servers of one backend as one cluster, with a redis-server of their own, all started by the
     * bench for each run ({@code --cluster N}); its rows are named e.g. {@code selector x2}.
     */
    record Cluster(String backend, int nodes) implements TargetSpec {
        @Override
        public String label() {
            return backend + " x" + nodes;
        }
    }

    /** A Redis server: one the user runs ({@code started} false) or one the bench starts for each run. */
    record Redis(String host, int port, boolean started) implements TargetSpec {
        @Override
        public String label() {
            return started ? "redis" : "redis://" + host + ":" + port;
        }
    }

    /** A running server that speaks parley's text protocol. */
    record Line(String host, int port) implements TargetSpec {
        @Override
        public String label() {
            return "line://" + host + ":" + port;
        }
    }

    /**
     * Parses {@code redis://HOST:PORT} or {@code line://HOST:PORT}. Only loopback hosts are accepted: the
     * bench sends load nowhere else.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    static TargetSpec parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not redis://HOST:PORT or line://HOST:PORT");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("'" + text + "' needs a host and a port, e.g. " + scheme
                    + "://127.0.0.1:6379");
        }
        String host = uri.getHost();
        if (!Loopback.isLoopback(host)) {
            throw new IllegalArgumentException("'" + text + "': the bench only loads loopback addresses "
                    + "(127.0.0.0/8, ::1, localhost)");
        }
        return switch (scheme) {
            case "redis" -> new Redis(host, uri.getPort(), false);
            case "line" -> new Line(host, uri.getPort());
            default -> throw new IllegalArgumentException("unknown target scheme '" + scheme
                    + "'; use redis://HOST:PORT or line://HOST:PORT");
        };
    }
}
