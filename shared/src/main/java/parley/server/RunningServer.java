package parley.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import parley.output.OutputMemory;

/** A started backend. */
public interface RunningServer extends AutoCloseable {

    /** The address actually bound (the real port when 0 was asked for). */
    InetSocketAddress address();

    /** The TLS port's address, when the server was started with one. */
    default Optional<InetSocketAddress> tlsAddress() {
        return Optional.empty();
    }

    /**
     * Stops accepting, tells every client the server is going away, gives their queued output up to
     * {@code flushTimeout} to be written, then closes every connection. Idempotent.
     */
    void shutdown(Duration flushTimeout);

    /**
     * Completes, with one sentence saying what broke, if the server fails for good: an event loop or the
     * acceptor died of something no single connection can be blamed for. The server is then of no use, and
     * whoever runs it should shut it down and exit non-zero. Never completes otherwise.
     */
    CompletionStage<String> failure();

    /** Connections open right now. */
    int connectionCount();

    /** The server's output: its chunk pool, what it holds and its budget. */
    OutputMemory outputMemory();

    /** Connections refused at the door so far, by reason (too fast, server full, too many from one address). */
    Refusals refusals();

    /** Output held for all connections and not yet written, in whole chunks. */
    default long queuedBytes() {
        return outputMemory().heldBytes();
    }

    @Override
    default void close() {
        shutdown(Duration.ofSeconds(2));
    }
}
