package parley.server;

import java.net.InetSocketAddress;
import java.time.Duration;

/** A started backend. */
public interface RunningServer extends AutoCloseable {

    /** The address actually bound (the real port when 0 was asked for). */
    InetSocketAddress address();

    /**
     * Stops accepting, tells every client the server is going away, gives their queued output up to
     * {@code flushTimeout} to be written, then closes every connection. Idempotent.
     */
    void shutdown(Duration flushTimeout);

    /** Connections open right now. */
    int connectionCount();

    /** Bytes queued for all connections and not yet written. */
    long queuedBytes();

    @Override
    default void close() {
        shutdown(Duration.ofSeconds(2));
    }
}
