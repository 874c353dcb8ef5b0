package parley.selector;

import java.io.IOException;
import java.nio.ByteBuffer;
import parley.output.OutputBuffer;

/**
 * What lies between a {@link Connection} and its socket: nothing ({@link PlainWire}), or TLS ({@link TlsWire}).
 * The connection reads plaintext from it and writes its {@link OutputBuffer} through it, on the loop thread
 * only; neither call ever blocks.
 */
interface Wire {

    /** Reads what the socket has into {@code plain} (its position advanced); -1 at the end of the stream. */
    int read(ByteBuffer plain) throws IOException;

    /** After a read of {@code n} bytes: whether another read in this turn may find more. */
    boolean mayReadMore(int n, ByteBuffer plain);

    /** Writes queued output, up to {@code budgetBytes} of it; returns what left the buffer. */
    long write(OutputBuffer output, long budgetBytes, ByteBuffer[] batch) throws IOException;

    /** True while bytes of the wire's own (TLS records) wait for the socket to take them. */
    boolean hasPendingOutput();

    /** True once the connection may chat: at once for plain, after the handshake for TLS. */
    boolean ready();

    /** True while the wire cannot take input (TLS: a handshake task runs on another thread). */
    boolean paused();

    /** The socket is about to close: say goodbye if the protocol has a way (TLS's close_notify), never block. */
    void closing();
}
