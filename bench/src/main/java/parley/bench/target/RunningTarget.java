package parley.bench.target;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import parley.bench.load.WireAdapter;

/** A server the bench is measuring, for one run. */
public interface RunningTarget extends AutoCloseable {

    /** Where clients connect. */
    InetSocketAddress address();

    /** Where clients connect when it is several servers (a cluster's nodes, spread round-robin); else one. */
    default List<InetSocketAddress> addresses() {
        return List.of(address());
    }

    /** How clients speak to it. */
    WireAdapter adapter();

    /** The server process now, when the bench knows its pid (it started it, or Redis told it). */
    Optional<ProcessSample> sample();

    /**
     * Each of its processes now, by name, when it is several (a cluster's nodes and its redis-server; what
     * {@link #sample()} adds up); empty for a target of one process.
     */
    default Map<String, ProcessSample> parts() {
        return Map.of();
    }

    /** How many files (sockets included) the server has open now; empty when the bench cannot see them. */
    default OptionalLong openFiles() {
        return OptionalLong.empty();
    }

    /**
     * Runs a full garbage collection in the server and returns its heap in use right after (the live heap), in
     * bytes; empty when the target has no JVM heap to ask about (Redis) or the answer failed.
     */
    default OptionalLong collectGarbage() throws InterruptedException {
        return OptionalLong.empty();
    }

    /** Stops it if the bench started it; returns a note on how that went (empty when nothing to say). */
    String stop();

    @Override
    default void close() {
        stop();
    }
}
