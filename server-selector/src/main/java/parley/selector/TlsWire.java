package parley.selector;

import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_TASK;
import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_WRAP;
import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import parley.output.OutputBuffer;

/**
 * TLS on an event loop: an {@link SSLEngine} driven by reads, writes and finished tasks, never blocking.
 *
 * <pre>
 *  socket --read--> netIn --unwrap--> plain (the loop's TLS read buffer) --> the connection's decoder
 *                            | NEED_WRAP (a handshake reply, a key update): wrap now, flush
 *                            | NEED_TASK: the engine's tasks run on the TLS task pool, reading stops;
 *                            |            the loop resumes the connection when they are done
 *  OutputBuffer chunks --wrap (gathering)--> netOut --write--> socket
 * </pre>
 *
 * The handshake may happen at any time, so both directions drive it: a read may need a write (NEED_WRAP
 * during unwrap), and {@link #write} flushes handshake records before any chat bytes. Output stays in the
 * pooled {@link OutputBuffer} until the moment it is encrypted, so every limit still counts it; the only
 * memory outside the pool is one record's worth per direction, {@code netIn} and {@code netOut}, allocated
 * while bytes wait in them and dropped once an operation leaves them empty (an idle TLS connection holds
 * neither).
 * While {@code netOut} holds a record the socket would not take, no more chat bytes are encrypted: the
 * OutputBuffer sees a full socket, and the slow-consumer limits apply exactly as for a plain connection.
 */
final class TlsWire implements Wire {

    /** What the wire tells its connection, on the loop thread. */
    interface Listener {
        /** The handshake finished: the connection may join the chat. */
        void handshaken();

        /** The engine's delegated tasks finished: read and write again. */
        void resume();
    }

    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final Executor taskPool;
    private final Executor loop;
    private final Listener listener;
    private final GatheringByteChannel encryptor = new Encryptor();

    // Loop thread only (the task pool touches only the engine, while `taskRunning` keeps the loop off it).
    /** Received bytes not yet unwrapped (write mode); null while empty. */
    private ByteBuffer netIn;
    /** Encrypted bytes the socket has not taken yet (write mode); null while empty. */
    private ByteBuffer netOut;
    private boolean handshaken;
    /** Set by {@link #closing}: what the engine does from then on is no handshake to report. */
    private boolean closed;
    private boolean taskRunning;
    private boolean atEof;
    /** The last unwrap stopped because {@code plain} was full: records wait in netIn. */
    private boolean recordsWaiting;

    TlsWire(SocketChannel channel, SSLEngine engine, Executor taskPool, Executor loop, Listener listener)
            throws SSLException {
        this.channel = channel;
        this.engine = engine;
        this.taskPool = taskPool;
        this.loop = loop;
        this.listener = listener;
        engine.beginHandshake(); // from here on, NOT_HANDSHAKING means the handshake is done
    }

    /** The plaintext buffer size an unwrap needs: one whole record. */
    static int plainBufferBytes(SSLEngine engine) {
        return engine.getSession().getApplicationBufferSize();
    }

    @Override
    public int read(ByteBuffer plain) throws IOException {
        if (taskRunning) {
            return 0;
        }
        recordsWaiting = false;
        if (netIn == null) {
            netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        }
        if (!atEof && channel.read(netIn) < 0) {
            atEof = true;
        }
        netIn.flip();
        try {
            unwrap(plain);
        } finally {
            netIn.compact();
            if (netIn.position() == 0) {
                netIn = null;
            }
        }
        flush(); // what unwrapping asked to send (a handshake reply)
        return atEof && plain.position() == 0 && !recordsWaiting ? -1 : plain.position();
    }

    /** Unwraps as many records as netIn holds and {@code plain} has room for. */
    private void unwrap(ByteBuffer plain) throws IOException {
        while (!taskRunning) {
            if (engine.getHandshakeStatus() == NEED_WRAP) {
                flush();
                if (engine.getHandshakeStatus() == NEED_WRAP) {
                    return; // the socket is full: OP_WRITE will bring us back
                }
            }
            if (!netIn.hasRemaining()) {
                return;
            }
            SSLEngineResult result = engine.unwrap(netIn, plain);
            if (!afterOperation(result)) {
                return;
            }
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    return; // the rest of a record is still on its way
                }
                case BUFFER_OVERFLOW -> {
                    recordsWaiting = true; // decode what we have; the next read unwraps the rest
                    return;
                }
                case CLOSED -> {
                    atEof = true; // close_notify: the same as TCP's FIN to the chat
                    return;
                }
                case OK -> {
                    if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                            && engine.getHandshakeStatus() != NEED_WRAP) {
                        return; // nothing moved: wait for the socket rather than spin
                    }
                }
            }
        }
    }

    @Override
    public boolean mayReadMore(int n, ByteBuffer plain) {
        return recordsWaiting || (netIn != null && !netIn.hasRemaining());
    }

    @Override
    public long write(OutputBuffer output, long budgetBytes, ByteBuffer[] batch) throws IOException {
        if (!flush() || !handshaken) {
            return 0; // handshake records first; chat bytes only once it is done
        }
        return output.writeTo(encryptor, budgetBytes, batch);
    }

    /**
     * Makes the records the engine wants to send (handshake, alerts, close_notify) and writes netOut to the
     * socket; true when nothing of ours is left waiting.
     */
    boolean flush() throws IOException {
        while (!taskRunning && engine.getHandshakeStatus() == NEED_WRAP) {
            if (!wrap(NOTHING, 0, 1)) {
                break;
            }
        }
        return dropEmptyNetOut(writeNetOut());
    }

    /** One wrap into netOut; false when netOut is too full for a record and the socket will not take it. */
    private boolean wrap(ByteBuffer[] sources, int offset, int length) throws IOException {
        if (netOut == null) {
            netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        }
        SSLEngineResult result = engine.wrap(sources, offset, length, netOut);
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            return writeNetOut() && wrap(sources, offset, length);
        }
        afterOperation(result);
        if (result.getStatus() == SSLEngineResult.Status.CLOSED && result.bytesProduced() == 0) {
            throw new SSLException("the TLS session is closed");
        }
        return true;
    }

    /** Writes netOut; true when it is empty. */
    private boolean writeNetOut() throws IOException {
        if (netOut == null) {
            return true;
        }
        netOut.flip();
        channel.write(netOut);
        netOut.compact();
        return netOut.position() == 0;
    }

    /** Drops netOut once it is empty, at the end of each operation (not between records of one write). */
    private boolean dropEmptyNetOut(boolean empty) {
        if (empty) {
            netOut = null;
        }
        return empty;
    }

    /**
     * Notes what an engine call did to the handshake: starts delegated tasks, and tells the connection once the
     * handshake is done. False when the loop must leave the engine alone (a task runs).
     */
    private boolean afterOperation(SSLEngineResult result) {
        if (result.getHandshakeStatus() == NEED_TASK) {
            runTasks();
            return false;
        }
        if (!handshaken && !closed && engine.getHandshakeStatus() == NOT_HANDSHAKING) {
            handshaken = true;
            listener.handshaken();
        }
        return true;
    }

    /**
     * The engine's slow steps (signing, checking certificates) run on the task pool, never on the loop. The
     * connection stops reading meanwhile; when they are done the loop resumes it. A full pool closes this
     * connection rather than queue without bound.
     */
    private void runTasks() {
        taskRunning = true;
        try {
            taskPool.execute(() -> {
                for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                    task.run();
                }
                loop.execute(() -> {
                    taskRunning = false;
                    listener.resume();
                });
            });
        } catch (RejectedExecutionException e) {
            // the pool is saturated: a handshake storm; this one closes, the others go on
            loop.execute(() -> {
                taskRunning = false;
                atEof = true;
                listener.resume();
            });
        }
    }

    @Override
    public boolean hasPendingOutput() {
        return (netOut != null && netOut.position() > 0) || (!taskRunning && engine.getHandshakeStatus() == NEED_WRAP);
    }

    @Override
    public boolean ready() {
        return handshaken;
    }

    @Override
    public boolean paused() {
        return taskRunning;
    }

    @Override
    public void closing() {
        closed = true;
        if (taskRunning) {
            return; // the task pool holds the engine; the socket closes without a goodbye
        }
        engine.closeOutbound();
        try {
            flush(); // close_notify, if the socket takes it now
        } catch (IOException e) {
            // closing anyway
        }
    }

    /**
     * The channel {@link OutputBuffer#writeTo} writes to: encrypts the gathered chunks into netOut and writes
     * that. It takes chat bytes only while netOut can be emptied, so the chunks stay in the buffer (and in
     * its limits) for as long as the socket is full.
     */
    private final class Encryptor implements GatheringByteChannel {
        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            long consumed = 0;
            while (!taskRunning && writeNetOut() && hasRemaining(sources, offset, length)) {
                long before = remaining(sources, offset, length);
                if (!wrap(sources, offset, length)) {
                    break;
                }
                consumed += before - remaining(sources, offset, length);
            }
            if (!dropEmptyNetOut(writeNetOut()) && consumed > 0 && !hasRemaining(sources, offset, length)) {
                // Everything was encrypted, but a record still waits for the socket. Said one byte short, so
                // that the buffer knows the socket is full: its limits and the server's back-pressure go by
                // that, exactly as for a plain socket's partial write. What was taken is read from the
                // buffers' positions, not from this count.
                return consumed - 1;
            }
            return consumed;
        }

        @Override
        public long write(ByteBuffer[] sources) throws IOException {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return (int) write(new ByteBuffer[] {source}, 0, 1);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // the connection closes the socket
        }

        private static boolean hasRemaining(ByteBuffer[] sources, int offset, int length) {
            return remaining(sources, offset, length) > 0;
        }

        private static long remaining(ByteBuffer[] sources, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += sources[i].remaining();
            }
            return n;
        }
    }
}
