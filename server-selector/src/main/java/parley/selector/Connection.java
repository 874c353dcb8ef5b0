package parley.selector;

import static java.nio.channels.SelectionKey.OP_READ;
import static java.nio.channels.SelectionKey.OP_WRITE;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import parley.core.Outbound;
import parley.core.RateLimit;
import parley.core.ReadLine;
import parley.core.Session;
import parley.core.TokenBucket;
import parley.log.LogEvent;
import parley.output.OutputBuffer;
import parley.protocol.LineDecoder;
import parley.tls.TlsSettings;

/**
 * One client socket on one loop.
 *
 * <p>Two halves. The {@link Outbound} half ({@link #send}, {@link #closeAfterFlush}) is called by the core
 * from any thread with the core's lock held, so it only queues and asks the loop for a turn. Everything
 * else runs on the loop thread, which alone touches the channel, the key and the decoder.
 */
final class Connection implements Outbound, TlsWire.Listener {

    private final EventLoop loop;
    private final SocketChannel channel;
    /** Plain, or TLS: what reads and writes go through. */
    private final Wire wire;
    private final String address;
    private final InetAddress ip;
    private final OutputBuffer output;
    private final LineDecoder decoder;
    private final LineDecoder.Sink sink = new RateLimitedSink();
    /** True while a write is scheduled on the loop: coalesces a burst of sends into one write. */
    private final AtomicBoolean writeScheduled = new AtomicBoolean();

    // Loop thread only.
    /** Set once the connection is closing: what is queued is flushed, then it closes. */
    private String closeReason;
    private SelectionKey key;
    private Session session;
    private boolean reading = true;
    private boolean atEof;
    private boolean wantsWrite;
    /** Flood control; null when the rate limit is off. */
    private final TokenBucket bucket;
    /**
     * Flood control's waiting room: the line that found no token and every line read after it, in order,
     * each already {@linkplain parley.core.ChatCore#read read} (a private message bound to its recipient
     * then); null when nothing waits. Reading stops while lines wait, so it holds at most one turn's read.
     */
    private ArrayDeque<Held> held;
    private long releaseAtNanos;
    private long closeDeadlineNanos;
    /** A TLS connection not done with its handshake by then is closed. */
    private long handshakeDeadlineNanos;
    private boolean closing;
    private boolean closed;

    /** @param tls the TLS port's settings for a connection that came in on it, else null */
    Connection(EventLoop loop, SocketChannel channel, String address, InetAddress ip, TlsSettings tls)
            throws SSLException {
        this.loop = loop;
        this.channel = channel;
        if (tls == null) {
            this.wire = new PlainWire(channel);
        } else {
            this.wire = new TlsWire(channel, tls.newServerEngine(), loop.tlsTasks(), loop::execute, this);
            this.handshakeDeadlineNanos = System.nanoTime() + tls.handshakeTimeout().toNanos();
        }
        this.address = address;
        this.ip = ip;
        RateLimit rate = loop.settings().limits().rateLimit();
        this.bucket = rate.isOff() ? null : new TokenBucket(rate, loop.settings().clock());
        this.output = loop.settings().limits().newOutputBuffer(loop.memory(), loop.settings().clock(),
                this::requestWrite); // over a limit: the write turn closes us, a safe point
        this.decoder = new LineDecoder(loop.settings().limits().maxLineBytes());
    }

    // ---- Outbound: any thread, core lock held, never blocks ----

    @Override
    public void send(ByteBuffer line) {
        if (output.offer(line)) { // refused means closing or overflowed; an overflow has asked for the write
            requestWrite();
        }
    }

    /**
     * Asks the loop for a write turn, once until it runs. A flag rather than "was the buffer empty": the loop
     * may be draining the buffer right now, and a flag it clears before writing cannot miss a line offered
     * meanwhile. Any thread; never blocks.
     */
    private void requestWrite() {
        // A read first: mostly the write is scheduled already, and a read costs less than a failing CAS.
        if (!writeScheduled.get() && writeScheduled.compareAndSet(false, true)) {
            loop.queueWrite(this);
        }
    }

    @Override
    public void sendLast(ByteBuffer line) {
        if (output.offerLast(line)) {
            requestWrite();
        }
    }

    @Override
    public void closeAfterFlush(String reason) {
        long deadline = System.nanoTime() + loop.tuning().closeAfterFlushTimeout().toNanos();
        loop.execute(() -> closeWhenFlushed(reason, deadline));
    }

    // ---- Loop thread ----

    void register(Selector selector) throws IOException {
        key = channel.register(selector, loop.readsPaused() ? 0 : OP_READ, this);
        if (!wire.ready()) {
            loop.watchDeadline(this); // the handshake timeout
        }
    }

    /**
     * Joins the chat; its welcome lands in our queue and goes out before the loop sleeps. A TLS connection
     * joins once its handshake is done ({@link #handshaken}), so a client that never finishes one, or speaks
     * plaintext to the TLS port, is never seen by the room.
     */
    void join() {
        if (wire.ready()) {
            session = loop.core().connect(address, this);
        }
    }

    @Override
    public void handshaken() {
        join();
    }

    /** The TLS engine's tasks are done: take up reading (what waits in the wire) and writing again. */
    @Override
    public void resume() {
        if (closed) {
            return;
        }
        updateInterest();
        read(loop.tlsReadBuffer());
        if (!closed) {
            write();
        }
    }

    /** The selector says this socket is ready. */
    void onReady(ByteBuffer readBuffer) {
        if (!key.isValid()) {
            return;
        }
        int ready = key.readyOps();
        // Read first, then write (Redis's order): a reply produced by the read can go out in the same turn.
        // Not while the server is behind its own writes (the loop takes us out of OP_READ before it sleeps),
        // unless closing: then input is drained, so that our close sends FIN rather than a reset.
        if ((ready & OP_READ) != 0 && (closing || !loop.memory().backlogged())) {
            read(wire instanceof TlsWire ? loop.tlsReadBuffer() : readBuffer);
        }
        if (!closed && ((ready & OP_WRITE) != 0 || wire.hasPendingOutput())) {
            write(); // also what a TLS read left to send (a handshake reply the socket did not take)
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
                n = wire.read(buffer);
            } catch (SSLException e) {
                refuseTls(e);
                return;
            } catch (IOException e) {
                close("connection reset");
                return;
            }
            if (n < 0) {
                peerClosed();
                return;
            }
            buffer.flip();
            // Closing or not, input is decoded: during shutdown the core answers each line with an error, and
            // after /quit it ignores them; either way our close then sends FIN rather than RST.
            // One batch per read: the room lines of all the read's lines reach each member as one append.
            loop.core().batch(() -> decoder.feed(buffer, sink));
            if (held != null && !closing) {
                return; // rate-limited: read no further (not even an EOF) until the held lines are handled
            }
            if (!wire.mayReadMore(n, buffer)) {
                return; // e.g. a short read emptied the socket: another read would only return 0
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

    /**
     * The write that {@link #requestWrite} or a close asked the loop for, run before the loop sleeps.
     *
     * @return the bytes that left the buffer
     */
    long runQueuedWrite() {
        writeScheduled.set(false); // before writing: a send from now on schedules another turn
        if (wantsWrite && !output.overflowed()) {
            return 0; // the socket was full: OP_WRITE will say when it has room, no use trying before
        }
        return write();
    }

    /** Writes what is queued, up to this turn's budget; asks for OP_WRITE only when bytes remain. */
    private long write() {
        if (closed) {
            return 0;
        }
        if (output.overflowed() && !closing) {
            closeSlowConsumer(); // the end of the line in progress and the reason are still to be written
        }
        long sent;
        try {
            sent = wire.write(output, loop.tuning().maxWriteBytesPerTurn(), loop.writeBatch());
        } catch (SSLException e) {
            refuseTls(e);
            return 0;
        } catch (IOException e) {
            close("connection reset");
            return 0;
        }
        boolean written = output.isEmpty() && !wire.hasPendingOutput();
        if (closing && written) {
            close(closeReason);
            return sent;
        }
        wantsWrite = !written;
        updateInterest();
        return sent;
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
        updateInterest(); // a closing connection drains its input even while the loop's reading is paused
        loop.watchDeadline(this);
        requestWrite(); // the write turn closes us once the buffer is empty
    }

    /** The nearest moment this connection needs the loop: its close deadline, or when held lines are due. */
    long deadlineNanos() {
        long deadline = Long.MAX_VALUE;
        if (closing) {
            deadline = closeDeadlineNanos;
        }
        if (held != null && releaseAtNanos - deadline < 0) {
            deadline = releaseAtNanos;
        }
        if (!wire.ready() && handshakeDeadlineNanos - deadline < 0) {
            deadline = handshakeDeadlineNanos;
        }
        return deadline;
    }

    /** A deadline of ours has passed: close if the flush took too long, or hand held lines to the core. */
    void deadlinePassed(long nowNanos) {
        if (!wire.ready() && handshakeDeadlineNanos - nowNanos <= 0) {
            loop.settings().log().info("closing " + address + " on the TLS port: no TLS handshake within "
                    + loop.tlsHandshakeTimeout().toMillis() + " ms");
            close("TLS handshake timed out");
            return;
        }
        if (closing && closeDeadlineNanos - nowNanos <= 0) {
            closeOverdue();
            return;
        }
        if (held != null && releaseAtNanos - nowNanos <= 0) {
            releaseHeld(nowNanos);
        }
    }

    /** True while the loop must watch {@link #deadlineNanos()} for us: closing, or holding a line. */
    boolean hasDeadline() {
        return !closed && (closing || held != null || !wire.ready());
    }

    /**
     * Flood control, selector style: the line that finds no token waits, with the lines read after it, and
     * this connection leaves OP_READ until the tokens come back, so TCP slows the sender down. Nothing is
     * dropped.
     */
    private void hold(Held line) {
        loop.core().metrics().throttled();
        if (held == null) {
            held = new ArrayDeque<>();
            reading = false;
            updateInterest();
            releaseAtNanos = System.nanoTime() + bucket.untilNextToken().toNanos();
            loop.watchDeadline(this);
        }
        held.add(line);
    }

    /** Tokens are back: held lines go to the core in order, until the tokens run out again. */
    private void releaseHeld(long nowNanos) {
        while (held != null && !closed) {
            Held next = held.peek();
            if (next.line() != null && !bucket.tryTake()) {
                releaseAtNanos = nowNanos + bucket.untilNextToken().toNanos();
                return;
            }
            held.poll();
            if (held.isEmpty()) {
                held = null;
            }
            if (next.line() != null) {
                loop.core().receive(session, next.line());
            } else {
                loop.core().lineTooLong(session, next.tooLongLimit());
            }
        }
        if (!closed) {
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
        output.discard(); // its chunks go back to the pool now
        wire.closing();
        key.cancel();
        key.attach(null); // the key may sit in this turn's selected set: leave nothing to find there
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do: the socket is gone either way
        }
        loop.forget(this);
        loop.gate().release(ip);
        if (session != null) {
            loop.core().disconnect(session, reason);
            for (Held h : held == null ? List.<Held>of() : held) {
                if (h.line() != null) {
                    loop.core().receive(session, h.line()); // ignored now, but no longer counted as waiting
                }
            }
        }
        held = null;
    }

    /**
     * The TLS engine refused the peer: plaintext on the TLS port, no protocol or cipher in common, a broken
     * record. One line in the log; the engine's alert goes out if the socket takes it; nobody else notices.
     */
    private void refuseTls(SSLException e) {
        String who = session == null ? address : session.nick() + "@" + address;
        loop.settings().log().info("closing " + who + " on the TLS port: " + e.getMessage());
        close(session == null ? "TLS handshake failed" : "TLS error");
    }

    /** Closes with the reason from {@link #closeAfterFlush} or the stop, after its deadline passed. */
    void closeOverdue() {
        close(closeReason);
    }

    /**
     * Over a limit: the room hears the leave now; the client gets the rest of the line its socket is in and
     * then an error line saying why (never a cut line), and is closed once those are written, or after the
     * flush timeout if it never reads them.
     */
    private void closeSlowConsumer() {
        String reason = output.overflowReason();
        loop.core().metrics().slowConsumerClosed();
        loop.settings().log().event((session == null ? LogEvent.info("closing", "{address}: {reason}")
                : LogEvent.info("closing", "{nick}@{address}: {reason}").nick("nick", session.nick()))
                .address("address", address).text("reason", reason));
        output.cutAtLineEnd();
        if (session != null) {
            loop.core().disconnectWithError(session, reason);
        }
        closeWhenFlushed(reason, System.nanoTime() + loop.tuning().closeAfterFlushTimeout().toNanos());
    }

    /** Sets the key's interest: OP_READ unless we hold input or the loop has paused reading, OP_WRITE if output waits. */
    void updateInterest() {
        if (closed) {
            return;
        }
        // Closing: input is drained whatever flood control holds, so that our close sends FIN, not a reset that
        // would throw away what the peer has not read yet of ours (the end of the room, the reason).
        boolean read = !wire.paused() && (closing ? !atEof : reading && !loop.readsPaused());
        int ops = (read ? OP_READ : 0) | (wantsWrite ? OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    @Override
    public String toString() {
        return address;
    }

    /** A line flood control holds: read, or (line null) the error for an over-long line discarded in between. */
    private record Held(ReadLine line, int tooLongLimit) {
    }

    /**
     * Where the decoder puts complete lines: each is read by the core at once (a private message is bound to
     * its recipient now), then handled in order, on the loop thread, unless flood control makes it wait.
     */
    private final class RateLimitedSink implements LineDecoder.Sink {
        @Override
        public void line(String line) {
            ReadLine read = loop.core().read(session, line);
            // Closing, a line is not held: the core refuses it (shutdown) or ignores it (after /quit) at once.
            if (closing || held == null && (bucket == null || bucket.tryTake())) {
                loop.core().receive(session, read);
            } else {
                hold(new Held(read, 0));
            }
        }

        @Override
        public void lineTooLong(int maxLineBytes) {
            if (held == null) {
                loop.core().lineTooLong(session, maxLineBytes);
            } else {
                held.add(new Held(null, maxLineBytes)); // after the lines before it
            }
        }
    }
}
