package parley.core;

import java.nio.ByteBuffer;

/**
 * The only way the core reaches a connection. A backend implements it over its socket.
 *
 * <p>Both methods are called with the core's lock held, so they must never block: queue and return.
 */
public interface Outbound {

    /**
     * Queues one encoded line, or a run of whole lines (the room lines of one {@link ChatCore#batch}). The
     * buffer is read-only and shared by every recipient of the same event: the implementation copies its bytes
     * (into its {@link parley.output.OutputBuffer}) without moving its position.
     */
    void send(ByteBuffer line);

    /**
     * Queues the last line this connection is sent, the reason the server is closing it, whatever its output
     * limits; nothing is queued after it. Shared and read-only like {@link #send}'s.
     */
    default void sendLast(ByteBuffer line) {
        send(line);
    }

    /** Closes the connection once what is already queued has been written (or a bounded time has passed). */
    void closeAfterFlush(String reason);
}
