package parley.bench.target;

import java.net.InetSocketAddress;
import java.util.Optional;
import parley.bench.load.WireAdapter;

/** A server the bench is measuring, for one run. */
public interface RunningTarget extends AutoCloseable {

    /** Where clients connect. */
    InetSocketAddress address();

    /** How clients speak to it. */
    WireAdapter adapter();

    /** The server process now, when the bench knows its pid (it started it, or Redis told it). */
    Optional<ProcessSample> sample();

    /** Stops it if the bench started it; returns a note on how that went (empty when nothing to say). */
    String stop();

    @Override
    default void close() {
        stop();
    }
}
