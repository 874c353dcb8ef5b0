package parley.threaded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSocket;
import parley.tls.TlsSettings;

/**
 * A connection of the TLS port, on blocking sockets: an {@link SSLSocket} layered over the accepted socket,
 * seen as the two channels the connection's reader and writer use on the plain port.
 *
 * <p>The handshake runs on the connection's own thread ({@link #handshake}); closing the underlying socket
 * (the handshake timeout, a slow consumer) throws a blocked handshake, read or write out, as on the plain
 * port.
 */
final class TlsStreams {

    /** What one JSSE write encrypts into a record at most; chunks are copied through it. */
    private static final int RECORD_BYTES = 16 * 1024;

    private final SSLSocket socket;

    private TlsStreams(SSLSocket socket) {
        this.socket = socket;
    }

    /** Layers TLS over {@code plain} and completes the server's side of the handshake; blocks. */
    static TlsStreams handshake(SocketChannel plain, TlsSettings tls) throws IOException {
        SSLSocket socket = (SSLSocket) tls.context().getSocketFactory().createSocket(plain.socket(), null,
                plain.socket().getPort(), false); // the connection closes the plain socket itself
        tls.configure(socket);
        socket.startHandshake();
        return new TlsStreams(socket);
    }

    ReadableByteChannel in() throws IOException {
        return Channels.newChannel(socket.getInputStream());
    }

    /** For {@code OutputBuffer.writeTo}: each chunk copied into one heap array and written, a record at a time. */
    GatheringByteChannel out() throws IOException {
        return new StreamChannel(socket.getOutputStream());
    }

    private static final class StreamChannel implements GatheringByteChannel {
        private final OutputStream out;
        private final byte[] scratch = new byte[RECORD_BYTES];

        StreamChannel(OutputStream out) {
            this.out = out;
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                written += write(sources[i]);
            }
            return written;
        }

        @Override
        public long write(ByteBuffer[] sources) throws IOException {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            int written = 0;
            while (source.hasRemaining()) {
                int n = Math.min(source.remaining(), scratch.length);
                source.get(scratch, 0, n);
                out.write(scratch, 0, n); // blocks while the socket is full, as the plain port's write does
                written += n;
            }
            return written;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // the connection closes the socket
        }
    }
}
