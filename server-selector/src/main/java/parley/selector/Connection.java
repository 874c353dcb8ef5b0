package parley.selector;

import static java.nio.channels.SelectionKey.OP_READ;
import static java.nio.channels.SelectionKey.OP_WRITE;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import parley.core.Outbound;
import parley.core.OutboundQueue;
import parley.core.RateLimit;
import parley.core.TokenBucket;
import parley.core.Session;
import parley.protocol.LineDecoder;

/**
 * One client socket on one loop.
 *
 * <p>Two halves. The {@link Outbound} half ({@link #send}, {@link #closeAfterFlush}) is called by the core
 * from any thread with the core's lock held, so it only queues and asks the loop for a turn. Everything
 * else runs on the loop thread, which alone touches the channel, the key and the decoder.
 */
final class Connection implements Outbound {

    private final EventLoop loop;
    private final SocketChannel channel;
    private final String address;
    private final InetAddress ip;
    private final OutboundQueue output;
    private final LineDecoder decoder;
    private final LineDecoder.Sink toCore = new ToCore();
    /** True while a write is scheduled on the loop: coalesces a burst of sends into one write. */
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    /** Set once the connection is closing; from then on nothing new is queued, what is queued is flushed. */
    private volatile String closeReason;

    // Loop thread only.
    private SelectionKey key;
    private Session session;
    private boolean reading = true;
    private boolean atEof;
    private boolean wantsWrite;
    /** Flood control; null when the rate limit is off. */
    private final TokenBucket bucket;
    /**
     * Flood control's waiting room: the line that found no token, and the bytes read after it, not yet
     * decoded (so what waits costs no more than what was read). Both null when nothing waits.
     */
    private String heldLine;
    private ByteBuffer heldBytes;
    private long releaseAtNanos;
    private long closeDeadlineNanos;
    private boolean closing;
    private boolean closed;

    Connection(EventLoop loop, SocketChannel channel, String address, InetAddress ip) {
        this.loop = loop;
        this.channel = channel;
        this.address = address;
        this.ip = ip;
        RateLimit rate = loop.settings().limits().rateLimit();
        this.bucket = rate.isOff() ? null : new TokenBucket(rate, loop.settings().clock());
        this.output = loop.settings().limits().newOutboundQueue(loop.settings().clock());
        this.decoder = new LineDecoder(loop.settings().limits().maxLineBytes());
    }

    // ---- Outbound: any thread, core lock held, never blocks ----

    @Override
    public void send(ByteBuffer line) {
        if (closeReason != null) {
            return;
        }
        output.offer(line); // refused means overflowed: the write turn closes us, never this call
        // A flag rather than "was the queue empty": the loop may be draining the queue right now, and a
        // flag it clears before writing cannot miss a line offered meanwhile.
        if (writeScheduled.compareAndSet(false, true)) {
            loop.scheduleWrite(this);
        }
    }

    @Override
    public void closeAfterFlush(String reason) {
        long deadline = System.nanoTime() + loop.tuning().closeAfterFlushTimeout().toNanos();
        if (closeReason == null) {
            closeReason = reason; // stop queueing now, under the core's lock, not when the task runs
        }
        loop.execute(() -> closeWhenFlushed(reason, deadline));
    }

    // ---- Loop thread ----

    void register(Selector selector) throws IOException {
        key = channel.register(selector, OP_READ, this);
    }

    /** Joins the chat; its welcome lands in our queue and goes out before the loop sleeps. */
    void join() {
        session = loop.core().connect(address, this);
    }

    /** The selector says this socket is ready. */
    void onReady(ByteBuffer readBuffer) {
        if (!key.isValid()) {
            return;
        }
        int ready = key.readyOps();
        // Read first, then write (Redis's order): a reply produced by the read can go out in the same turn.
        if ((ready & OP_READ) != 0) {
            read(readBuffer);
        }
        if (!closed && (ready & OP_WRITE) != 0) {
            write();
        }
    }

    /**
     * Reads into the loop's shared buffer and feeds the decoder straight away, so the buffer is free for the
     * next connection and only the decoder's partial line stays behind.
     */
    private void read(ByteBuffer buffer) {
        for (int i = 0; i < loop.tuning().maxReadsPerTurn(); i++) {
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                close("connection reset");
                return;
            }
            if (n < 0) {
                peerClosed();
                return;
            }
            buffer.flip();
            if (closeReason == null) {
                decoder.feed(buffer, toCore);
                if (heldLine != null) {
                    holdRest(buffer);
                    return; // rate-limited: read no further (not even an EOF) until the held input is handled
                }
            } // else: closing; input is still drained, so that our close sends FIN rather than RST
            if (n < buffer.capacity()) {
                return; // a short read emptied the socket: another read would only return 0
            }
        }
    }

    /** The peer sent EOF: the room hears it now, and what was queued for the peer still goes out. */
    private void peerClosed() {
        atEof = true;
        reading = false; // a socket at EOF is readable forever: stop asking
        updateInterest();
        if (session != null) {
            loop.core().disconnect(session, "connection closed");
        }
        long deadline = System.nanoTime() + loop.tuning().closeAfterFlushTimeout().toNanos();
        closeWhenFlushed("connection closed", deadline);
    }

    /** The write that {@link #send} or a close asked the loop for, run before the loop sleeps. */
    void scheduledWrite() {
        writeScheduled.set(false); // before writing: a send from now on schedules another turn
        if (wantsWrite && !output.overflowed()) {
            return; // the socket was full: OP_WRITE will say when it has room, no use trying before
        }
        write();
    }

    /** Writes what is queued, up to this turn's budget; asks for OP_WRITE only when bytes remain. */
    private void write() {
        if (closed) {
            return;
        }
        if (output.overflowed()) {
            closeSlowConsumer();
            return;
        }
        try {
            output.writeTo(channel, loop.tuning().maxWriteBytesPerTurn(), loop.writeBatch());
        } catch (IOException e) {
            close("connection reset");
            return;
        }
        if (closing && output.isEmpty()) {
            close(closeReason);
            return;
        }
        wantsWrite = !output.isEmpty();
        updateInterest();
    }

    /** Closes once the queue is empty, or at {@code deadlineNanos} at the latest. Idempotent. */
    void closeWhenFlushed(String reason, long deadlineNanos) {
        if (closed) {
            return;
        }
        if (closeReason == null) {
            closeReason = reason;
        }
        closeDeadlineNanos = closing ? Math.min(closeDeadlineNanos, deadlineNanos) : deadlineNanos;
        closing = true;
        loop.watchDeadline(this);
        if (writeScheduled.compareAndSet(false, true)) {
            loop.scheduleWrite(this); // the write turn closes us once the queue is empty
        }
    }

    long queuedBytes() {
        return output.queuedBytes();
    }

    /** The nearest moment this connection needs the loop: its close deadline, or when held lines are due. */
    long deadlineNanos() {
        long deadline = Long.MAX_VALUE;
        if (closing) {
            deadline = closeDeadlineNanos;
        }
        if (heldLine != null && releaseAtNanos - deadline < 0) {
            deadline = releaseAtNanos;
        }
        return deadline;
    }

    /**
     * A deadline of ours has passed: close if the flush took too long, or hand held lines to the core.
     *
     * @return true when no deadline is left
     */
    boolean onDeadline(long nowNanos) {
        if (closing && closeDeadlineNanos - nowNanos <= 0) {
            closeOverdue();
            return true;
        }
        if (heldLine != null && releaseAtNanos - nowNanos <= 0) {
            releaseHeld(nowNanos);
        }
        return !closing && heldLine == null;
    }

    /**
     * Flood control, selector style: the line that finds no token waits, with the undecoded bytes after it,
     * and this connection leaves OP_READ until the tokens come back, so TCP slows the sender down. Nothing
     * is dropped.
     */
    private void hold(String line) {
        heldLine = line;
        reading = false;
        updateInterest();
        releaseAtNanos = System.nanoTime() + bucket.untilNextToken().toNanos();
        loop.watchDeadline(this);
    }

    /** Keeps what the decoder did not get to, when a line had to wait. */
    private void holdRest(ByteBuffer buffer) {
        if (!buffer.hasRemaining()) {
            return;
        }
        ByteBuffer rest = ByteBuffer.allocate(buffer.remaining() + (heldBytes == null ? 0 : heldBytes.remaining()));
        if (heldBytes != null) {
            rest.put(heldBytes);
        }
        rest.put(buffer).flip();
        heldBytes = rest;
    }

    /** Tokens are back: the held line goes to the core, then the held bytes, until tokens run out again. */
    private void releaseHeld(long nowNanos) {
        if (closeReason != null) {
            heldLine = null;
            heldBytes = null;
            return;
        }
        if (!bucket.tryTake()) {
            releaseAtNanos = nowNanos + bucket.untilNextToken().toNanos();
            return;
        }
        String line = heldLine;
        heldLine = null;
        loop.core().receive(session, line);
        if (heldBytes != null) {
            ByteBuffer bytes = heldBytes;
            heldBytes = null;
            decoder.feed(bytes, toCore); // may hold a line again, and so the bytes after it
            if (heldLine != null) {
                holdRest(bytes);
            }
        }
        if (heldLine == null && !closed) {
            reading = !atEof;
            updateInterest();
        }
    }

    /** Closes now: socket, key and loop bookkeeping, then tells the core (which logs it). Idempotent. */
    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (closeReason == null) {
            closeReason = reason;
        }
        key.cancel();
        key.attach(null); // the key may sit in this turn's selected set: leave nothing to find there
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do: the socket is gone either way
        }
        loop.forget(this);
        loop.gate().release(ip);
        heldLine = null;
        heldBytes = null;
        if (session != null) {
            loop.core().disconnect(session, reason);
        }
    }

    /** Closes with the reason from {@link #closeAfterFlush} or the stop, after its deadline passed. */
    void closeOverdue() {
        close(closeReason);
    }

    private void closeSlowConsumer() {
        String reason = output.overflowReason();
        String who = session == null ? address : session.nick() + "@" + address;
        loop.settings().log().info("closing " + who + ": " + reason);
        close(reason);
    }

    private void updateInterest() {
        int ops = (reading ? OP_READ : 0) | (wantsWrite ? OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    @Override
    public String toString() {
        return address;
    }

    /** Decoded lines go straight to the core, in order, on the loop thread. */
    private final class ToCore implements LineDecoder.Sink {
        @Override
        public void line(String line) {
            if (closeReason != null) {
                return;
            }
            if (bucket != null && !bucket.tryTake()) {
                hold(line);
            } else {
                loop.core().receive(session, line);
            }
        }

        @Override
        public boolean wantsMore() {
            return heldLine == null;
        }

        @Override
        public void lineTooLong(int maxLineBytes) {
            if (closeReason == null) {
                loop.core().lineTooLong(session, maxLineBytes);
            }
        }
    }
}
