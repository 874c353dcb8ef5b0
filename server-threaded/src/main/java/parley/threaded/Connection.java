package parley.threaded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import parley.core.ChatCore;
import parley.core.Outbound;
import parley.core.OutboundQueue;
import parley.core.RateLimit;
import parley.core.Session;
import parley.core.TokenBucket;
import parley.protocol.LineDecoder;
import parley.server.SocketAddresses;
import parley.server.ServerSettings;

/**
 * One client on blocking sockets: a reader thread that blocks in {@code read} and feeds the decoder and the
 * core, and a writer thread that blocks in {@code write} draining this connection's {@link OutboundQueue}.
 *
 * <pre>
 *  socket --read--> reader thread --> LineDecoder --> ChatCore.receive
 *  ChatCore (any thread) --> send() --> OutboundQueue --signal--> writer thread --write--> socket
 * </pre>
 *
 * Sending only queues and signals, so a client that stops reading blocks nothing but its own writer; when
 * its queue passes the hard limit the writer closes it (the shared slow-consumer policy).
 */
final class Connection implements Outbound {

    /**
     * Per connection, as a blocked read holds its buffer: small, since chat lines are. A connection starts with
     * the first size and gets the second once a read fills the buffer (it sends more than a line at a time),
     * so the many connections that only chat keep 512 bytes instead of 4 KiB.
     */
    private static final int FIRST_READ_BUFFER = 512;
    private static final int READ_BUFFER = 4 * 1024;

    private final SocketChannel socket;
    private final ServerContext context;
    private final ServerSettings settings;
    private final ChatCore core;
    private final Consumer<Connection> onClosed;
    private final OutboundQueue queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean overflowHandled = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile String closeAfterFlushReason;
    /** Set once by start(); volatile because the close paths on other threads read it. */
    private volatile Session session;

    Connection(SocketChannel socket, ServerContext context, Consumer<Connection> onClosed) {
        this.socket = socket;
        this.context = context;
        this.settings = context.settings();
        this.core = context.core();
        this.onClosed = onClosed;
        this.queue = settings.limits().newOutboundQueue(settings.clock());
    }

    /** Joins the chat and starts the two threads; any failure closes this connection, nothing leaks. */
    void start() {
        try {
            String peer = SocketAddresses.describe(socket.getRemoteAddress());
            session = core.connect(peer, this);
            if (closed.get()) {
                // Closed while joining (its welcome overflowed a tiny queue): closeNow saw no session yet,
                // and may not have recorded its reason yet either; the queue knows it.
                core.disconnect(session, queue.overflowed() ? queue.overflowReason() : "connection closed");
                return;
            }
            context.threads().start(this::readLoop);
            context.threads().start(this::writeLoop);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            settings.log().info("could not start a connection: " + e);
            closeNow("connection failed");
        }
    }

    @Override
    public void send(ByteBuffer line) {
        if (!queue.offer(line) && overflowHandled.compareAndSet(false, true)) {
            // Not from inside the send (the core's lock is held): our writer may be stuck in a blocking
            // write to this very client, so a thread of its own closes the socket, which unblocks it.
            context.threads().start(this::closeOverflowed);
            return;
        }
        signal();
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
            settings.log().info("closing " + describe() + " failed: " + e.getMessage());
        }
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
                if (bucket != null) {
                    awaitToken(bucket);
                }
                core.receive(session, line);
            }

            @Override
            public void lineTooLong(int maxLineBytes) {
                core.lineTooLong(session, maxLineBytes);
            }
        };
        try {
            while (!closed.get()) {
                if (socket.read(buffer) < 0) {
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
        } catch (RuntimeException | Error e) {
            closeNow("internal error"); // a bug costs this connection, and still leaves nothing behind
            throw e;
        }
    }

    private void writeLoop() {
        ByteBuffer[] batch = new ByteBuffer[OutboundQueue.GATHER]; // this writer's scratch, reused
        try {
            while (!closed.get()) {
                awaitWork();
                queue.writeTo(socket, Long.MAX_VALUE, batch);
                if (closeAfterFlushReason != null && queue.isEmpty()) {
                    closeNow(closeAfterFlushReason);
                    return;
                }
            }
        } catch (IOException e) {
            closeNow("connection reset");
        } catch (RuntimeException | Error e) {
            closeNow("internal error");
            throw e;
        }
    }

    private void closeOverflowed() {
        String reason = queue.overflowReason();
        settings.log().info("closing " + describe() + ": " + reason);
        closeNow(reason);
    }

    long queuedBytes() {
        return queue.queuedBytes();
    }

    private String describe() {
        return session == null ? "a new connection" : session.nick() + "@" + session.address();
    }

    /**
     * Flood control: a line that finds no token waits here, in the reader, before it is handled, so nothing
     * more is read from this client meanwhile and TCP slows it down. Nothing is dropped.
     */
    private void awaitToken(TokenBucket bucket) {
        while (!bucket.tryTake() && !closed.get()) {
            LockSupport.parkNanos(bucket.untilNextToken().toNanos());
        }
    }

    private void awaitWork() {
        lock.lock();
        try {
            while (queue.isEmpty() && closeAfterFlushReason == null && !closed.get()) {
                work.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            work.signal();
        } finally {
            lock.unlock();
        }
    }
}
