package parley.threaded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import parley.core.ChatCore;
import parley.core.Outbound;
import parley.core.RateLimit;
import parley.core.ReadLine;
import parley.core.Session;
import parley.core.TokenBucket;
import parley.log.LogEvent;
import parley.output.OutputBuffer;
import parley.output.OutputMemory;
import parley.protocol.LineDecoder;
import parley.server.SocketAddresses;
import parley.server.ServerSettings;
import parley.tls.TlsSettings;

/**
 * One client on blocking sockets: a reader thread that blocks in {@code read} and feeds the decoder and the
 * core, and a writer thread that blocks in {@code write} draining this connection's {@link OutputBuffer}.
 *
 * <pre>
 *  socket --read--> reader thread --> LineDecoder --> ChatCore.receive
 *  ChatCore (any thread) --> send() --> OutputBuffer --signal--> writer thread --write--> socket
 *                                       (no writer? start one)   (virtual, nothing left to write? it ends)
 * </pre>
 *
 * A virtual writer exists while there is output: the first starts once the welcome is queued, and it ends as
 * soon as it finds nothing left to write, the next line starting another ({@link ServerContext#writersEndWhenIdle()}).
 * So a connection that only hears something now and then keeps its reader alone, and a writer is never parked
 * waiting for work: a parked virtual thread keeps its stack in the heap (about 1.3 KiB for a writer), and a
 * timed wait for more cost a timer task per park (BENCHMARKS.md, "The lobby, sixth session"). Platform writers
 * (Java 17) stay and wait. Whether a writer runs is decided under this connection's lock, where the writer
 * also looks for work, so a line is never left without one.
 *
 * Sending only copies into the buffer and signals, so a client that stops reading blocks nothing but its own
 * writer; when its buffer passes a limit it is closed from the server's timer thread (the shared
 * slow-consumer policy). Whatever a thread of this connection throws (an Error too) closes this connection
 * and no other.
 */
final class Connection implements Outbound {

    /**
     * Per connection, as a blocked read holds its buffer: small, since chat lines are. A connection starts with
     * the first size and gets the second once a read fills the buffer (it sends more than a line at a time),
     * so the many connections that only chat keep 512 bytes instead of 4 KiB.
     */
    private static final int FIRST_READ_BUFFER = 512;
    private static final int READ_BUFFER = 4 * 1024;
    /** How often a reader held back by the output backlog looks again. */
    private static final long BACKLOG_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SocketChannel socket;
    private final ServerContext context;
    private final ServerSettings settings;
    private final ChatCore core;
    private final Consumer<Connection> onClosed;
    private final OutputBuffer output;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    /**
     * Whether a writer thread is running (or starting); guarded by {@link #lock}. True from the start: join()
     * starts the first writer once the welcome is queued, as a write in progress counts against the output
     * limits (it may be stuck) and the welcome burst is the server's doing, not the newcomer's.
     */
    private boolean writing = true;
    /**
     * A wake-up asked of the writer and not yet taken: set under {@link #lock}, read first without it, so a line
     * offered while one is pending costs a volatile read, not the lock (the writer clears it before it writes,
     * and then writes every byte offered before that).
     */
    private volatile boolean woken;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile String closeAfterFlushReason;
    /** Set once by start(); volatile because the close paths on other threads read it. */
    private volatile Session session;
    /** The TLS port's settings, or null on the plain port. */
    private final TlsSettings tls;
    /** What the reader reads and the writer writes: the socket itself, or TLS over it. Set before they start. */
    private ReadableByteChannel in;
    private GatheringByteChannel out;

    /** @param tls the TLS port's settings for a connection that came in on it, else null */
    Connection(SocketChannel socket, ServerContext context, TlsSettings tls, Consumer<Connection> onClosed) {
        this.socket = socket;
        this.tls = tls;
        this.in = socket;
        this.out = socket;
        this.context = context;
        this.settings = context.settings();
        this.core = context.core();
        this.onClosed = onClosed;
        this.output = settings.limits().newOutputBuffer(context.memory(), settings.clock(), this::overflowed);
    }

    /**
     * Joins the chat and starts the two threads; any failure closes this connection, nothing leaks. On the TLS
     * port the handshake comes first, on a thread of the connection's own, and only a finished one joins.
     */
    void start() {
        if (tls == null) {
            join();
            return;
        }
        try {
            context.threads().start(this::handshakeThenJoin);
        } catch (Throwable e) {
            settings.log().info("could not start a connection: " + e);
            closeNow("connection failed");
        }
    }

    /**
     * The TLS handshake, bounded by the handshake timeout: the timer closes the socket of a client that stalls,
     * which throws the handshake out. A refused one (plaintext on the TLS port, nothing in common) is one line
     * in the log, and nobody in the chat ever hears of it.
     */
    private void handshakeThenJoin() {
        String peer = describePeer();
        ScheduledFuture<?> timeout = context.deadlines().schedule(() -> {
            if (!closed.get()) {
                settings.log().info("closing " + peer + " on the TLS port: no TLS handshake within "
                        + tls.handshakeTimeout().toMillis() + " ms");
                closeNow("TLS handshake timed out");
            }
        }, tls.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            TlsStreams streams = TlsStreams.handshake(socket, tls);
            in = streams.in();
            out = streams.out();
        } catch (IOException e) {
            if (!closed.get()) {
                settings.log().info("closing " + peer + " on the TLS port: " + e.getMessage());
            }
            closeNow("TLS handshake failed");
            return;
        } catch (Throwable e) {
            failed(e);
            return;
        } finally {
            timeout.cancel(false);
        }
        if (!closed.get()) {
            join();
        }
    }

    private String describePeer() {
        try {
            return SocketAddresses.describe(socket.getRemoteAddress());
        } catch (IOException e) {
            return "a new connection";
        }
    }

    private void join() {
        try {
            String peer = SocketAddresses.describe(socket.getRemoteAddress());
            session = core.connect(peer, this);
            if (closed.get()) {
                // Closed while joining (its welcome overflowed a tiny buffer): closeNow saw no session yet,
                // and may not have recorded its reason yet either; the buffer knows it.
                core.disconnect(session, output.overflowed() ? output.overflowReason() : "connection closed");
                return;
            }
            context.threads().start(this::readLoop);
            context.threads().start(this::writeLoop);
        } catch (Throwable e) {
            settings.log().info("could not start a connection: " + e);
            closeNow("connection failed");
        }
    }

    @Override
    public void send(ByteBuffer line) {
        if (output.offer(line) && !woken) {
            signal();
        }
    }

    @Override
    public void sendLast(ByteBuffer line) {
        if (output.offerLast(line) && !woken) {
            signal();
        }
    }

    /**
     * The buffer went over a limit. Not closed from here (the core's lock may be held), nor by our writer,
     * which may be stuck in a blocking write to this very client: the timer thread closes the socket, which
     * unblocks the writer.
     */
    private void overflowed() {
        try {
            context.deadlines().execute(this::closeOverflowed);
        } catch (RejectedExecutionException e) {
            // the server has stopped, and closed every connection on its way out
        }
    }

    /** Closes once the queue is written, or after {@link ServerSettings#CLOSE_AFTER_FLUSH} at the latest. */
    @Override
    public void closeAfterFlush(String reason) {
        if (closeAfterFlushReason != null) {
            return;
        }
        closeAfterFlushReason = reason;
        signal();
        context.deadlines().schedule(() -> closeNow(reason), ServerSettings.CLOSE_AFTER_FLUSH.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void closeNow(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            settings.log().event(closing("failed: {error}").text("error", String.valueOf(e.getMessage())));
        }
        output.discard(); // chunks a blocked write still uses come back when that write fails
        if (session != null) {
            core.disconnect(session, reason);
        }
        onClosed.accept(this);
        closedLatch.countDown();
        signal();
    }

    void awaitClosed(long timeout, TimeUnit unit) {
        try {
            closedLatch.await(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(FIRST_READ_BUFFER);
        LineDecoder decoder = new LineDecoder(settings.limits().maxLineBytes());
        RateLimit rate = settings.limits().rateLimit();
        TokenBucket bucket = rate.isOff() ? null : new TokenBucket(rate, settings.clock());
        LineDecoder.Sink sink = new LineDecoder.Sink() {
            @Override
            public void line(String line) {
                ReadLine read = core.read(session, line); // a /msg is bound to its recipient now
                if (bucket != null) {
                    awaitToken(bucket);
                }
                awaitOutputWritten();
                core.receive(session, read);
            }

            @Override
            public void lineTooLong(int maxLineBytes) {
                core.lineTooLong(session, maxLineBytes);
            }
        };
        try {
            while (!closed.get()) {
                if (in.read(buffer) < 0) {
                    // The room hears it now; what was queued for this client still goes out (think of
                    // `printf '/who\n' | nc`), then the writer closes.
                    core.disconnect(session, "connection closed");
                    closeAfterFlush("connection closed");
                    return;
                }
                boolean filled = !buffer.hasRemaining();
                buffer.flip();
                decoder.feed(buffer, sink);
                buffer = filled && buffer.capacity() < READ_BUFFER ? ByteBuffer.allocate(READ_BUFFER) : buffer.clear();
            }
        } catch (IOException e) {
            closeNow(closed.get() ? "closed" : "connection reset");
        } catch (Throwable e) {
            failed(e);
        }
    }

    /** The writer: writes while there is output; a virtual one ends when there is none. */
    private void writeLoop() {
        ByteBuffer[] batch = new ByteBuffer[OutputMemory.GATHER]; // this writer's scratch, reused
        try {
            while (awaitWork()) {
                output.writeTo(out, Long.MAX_VALUE, batch);
                if (closeAfterFlushReason != null && output.isEmpty()) {
                    closeNow(closeAfterFlushReason);
                    return;
                }
            }
        } catch (IOException e) {
            closeNow("connection reset");
        } catch (Throwable e) {
            failed(e);
        }
    }

    /** A bug, or an Error such as running out of heap, costs this connection and leaves nothing behind. */
    private void failed(Throwable e) {
        settings.log().event(closing("after an internal error: {error}").text("error", e.toString()));
        closeNow("internal error");
    }

    /**
     * Over a limit: the room hears the leave now; the client gets the rest of the line its socket is in and
     * then an error line saying why (never a cut line), and is closed once those are written, or after
     * {@link ServerSettings#CLOSE_AFTER_FLUSH} if it never reads them.
     */
    private void closeOverflowed() {
        String reason = output.overflowReason();
        core.metrics().slowConsumerClosed();
        settings.log().event(closing("{reason}").text("reason", reason));
        Session joined = session;
        if (joined == null) {
            closeNow(reason); // still joining: start() reports the reason
            return;
        }
        output.cutAtLineEnd();
        core.disconnectWithError(joined, reason);
        closeAfterFlush(reason);
    }

    /** A "closing nick@address: ..." event about this connection, {@code rest} after the colon. */
    private LogEvent closing(String rest) {
        Session s = session;
        return s == null ? LogEvent.info("closing", "a new connection: " + rest)
                : LogEvent.info("closing", "{nick}@{address}: " + rest).nick("nick", s.nick())
                        .address("address", s.address());
    }

    /**
     * Flood control: a line that finds no token waits here, in the reader, before it is handled, so nothing
     * more is read from this client meanwhile and TCP slows it down. Nothing is dropped.
     */
    private void awaitToken(TokenBucket bucket) {
        if (bucket.tryTake()) {
            return;
        }
        core.metrics().throttled();
        while (!bucket.tryTake() && !closed.get()) {
            LockSupport.parkNanos(bucket.untilNextToken().toNanos());
        }
    }

    /**
     * Back-pressure: while the server is behind its own writes ({@link OutputMemory#backlogged()}), a line
     * waits here before it is handled, so nothing more is read from this client meanwhile.
     */
    private void awaitOutputWritten() {
        while (context.memory().backlogged() && !closed.get()) {
            LockSupport.parkNanos(BACKLOG_POLL_NANOS);
        }
    }

    /**
     * Waits to be woken (or to close after); false when this writer is to end: the connection is closed, or
     * there is nothing to write and writers end when idle. Ending clears {@link #writing} under the lock that
     * {@link #signal} takes, so a line queued meanwhile starts the next writer.
     */
    private boolean awaitWork() {
        lock.lock();
        try {
            while (!woken && closeAfterFlushReason == null && !closed.get()) {
                if (context.writersEndWhenIdle()) {
                    writing = false;
                    return false;
                }
                work.await();
            }
            woken = false; // before writing: a line offered from now on wakes the writer again
            return !closed.get();
        } catch (InterruptedException e) {
            writing = false; // nobody interrupts a writer; if someone does, it ends and the next line starts one
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the writer, or starts one (outside the lock) when none is running and the connection is open. */
    private void signal() {
        lock.lock();
        try {
            woken = true;
            if (writing || closed.get()) {
                work.signal();
                return;
            }
            writing = true;
        } finally {
            lock.unlock();
        }
        try {
            context.threads().start(this::writeLoop);
        } catch (Throwable e) {
            settings.log().info("could not start a connection's writer: " + e);
            closeNow("connection failed");
        }
    }
}
