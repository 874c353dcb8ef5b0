package parley.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import parley.bench.measure.SequenceChecker;
import parley.server.SocketAddresses;

/**
 * One simulated person: a non-blocking connection owned by one {@link LoadLoop} thread, its buffers, its
 * decoder, what it received (a {@link SequenceChecker}) and, for a sender, where its schedule stands.
 *
 * <pre>
 *  loop: read -&gt; in -&gt; Decoder -&gt; Events -&gt; Payload.parse -&gt; message(sender, seq, stamp)
 *                                                          -&gt; checker, latency, in-flight
 *  loop: generate (rate or window) -&gt; Payload.encode -&gt; Publisher -&gt; out -&gt; write
 * </pre>
 */
public final class LoadClient implements WireAdapter.Events, Payload.Sink {

    /** What a client does. */
    public enum Role {
        /** Reads everything; checked for loss and order; may be a sender. */
        MEMBER,
        /** Joins, then never reads again. */
        SLOW,
        /** Joins its own room and waits. */
        IDLE,
        /** Stays in the room every connection lands in (sends nothing) and waits. */
        LOBBY
    }

    private static final int MAX_IN = 16 * 1024 * 1024;
    private static final int SLOW_RECEIVE_BUFFER = 4 * 1024;
    /** A message may go out up to this long before its intended time (the select timer has 1 ms steps). */
    private static final long EARLY_NANOS = 1_000_000;

    final int index;
    final Role role;
    final int senderId;
    final String room;
    private LoadLoop loop;
    private RunState state;
    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    private ByteBuffer out = ByteBuffer.allocate(16 * 1024);
    private WireAdapter.Decoder decoder;
    private WireAdapter.Publisher publisher;
    private SequenceChecker checker;
    private String localAddress = "";

    private long connectStartNanos;
    private long firstByteNanos;
    private long readyNanos;
    private long closedNanos;
    private boolean ready;
    private boolean closed;
    private String closeReason = "";

    private long nextSeq;
    private long inFlight;
    private boolean doneSending;
    private long foreign;

    /**
     * @param senderId 0..senders-1 for a sender, -1 otherwise
     * @param room     the room (channel) it joins
     */
    public LoadClient(int index, Role role, int senderId, String room) {
        this.index = index;
        this.role = role;
        this.senderId = senderId;
        this.room = room;
    }

    // ---- connecting (loop thread) ----

    void open(LoadLoop owner, RunState run, InetSocketAddress target) throws IOException {
        this.loop = owner;
        this.state = run;
        connectStartNanos = System.nanoTime();
        channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            if (role == Role.SLOW) {
                // A small receive window (set before connecting, so it is what TCP negotiates): the kernel then
                // holds little of what the slow client does not read, and the server's own queue and
                // slow-consumer policy are what is tested, within a run rather than after megabytes.
                channel.socket().setReceiveBufferSize(SLOW_RECEIVE_BUFFER);
            }
            if (channel.connect(target)) {
                key = channel.register(owner.selector(), 0, this);
                connected();
            } else {
                key = channel.register(owner.selector(), SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    void finishConnect() throws IOException {
        if (channel.finishConnect()) {
            connected();
        }
    }

    private void connected() throws IOException {
        localAddress = SocketAddresses.describe(channel.getLocalAddress());
        decoder = state.adapter.decoder(localAddress, room);
        publisher = state.adapter.publisher(room);
        if (role == Role.MEMBER) {
            checker = new SequenceChecker(state.senders);
        }
        state.connected.incrementAndGet();
        if (role != Role.LOBBY) {
            out.put(state.adapter.join(room));
        }
        key.interestOps(SelectionKey.OP_READ);
        flush();
    }

    // ---- reading (loop thread) ----

    void read(long now) throws IOException {
        for (int reads = 0; reads < 4; reads++) {
            int n = channel.read(in);
            if (n < 0) {
                closedByServer(now, "closed by the server");
                return;
            }
            if (n == 0) {
                return;
            }
            // The receipt time of what this read returned: taken after the read, so it is never earlier than
            // the arrival of any byte in it (the select's own time can be, by the time this key's turn comes).
            now = loop.stamp();
            state.bytesIn.add(n);
            if (firstByteNanos == 0) {
                firstByteNanos = now;
            }
            in.flip();
            decoder.feed(in, this);
            if (!in.hasRemaining()) {
                in.clear();
            } else {
                in.compact();
                if (!in.hasRemaining()) {
                    grow();
                }
            }
            if (role == Role.SLOW && ready) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
                in.clear();
                return;
            }
        }
    }

    private void grow() throws IOException {
        if (in.capacity() >= MAX_IN) {
            throw new IOException("a frame larger than " + MAX_IN + " bytes");
        }
        ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
        in.flip();
        bigger.put(in);
        in = bigger;
    }

    void closedByServer(long now, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        closedNanos = now;
        closeReason = reason;
        state.closedByServer.incrementAndGet();
        if (key != null) {
            key.cancel();
        }
    }

    @Override
    public void ready() {
        if (!ready) {
            ready = true;
            readyNanos = loop.now();
            state.ready.incrementAndGet();
        }
    }

    @Override
    public void payload(byte[] a, int offset, int length) {
        if (checker == null || !state.payload.parse(a, offset, length, this)) {
            foreign++;
        }
    }

    @Override
    public void message(int sender, long seq, long sendNanos) {
        checker.arrive(sender, seq);
        if (sender == senderId) {
            inFlight--;
        }
        SendPlan plan = loop.plan();
        if (plan != null && plan.measured(sendNanos)) {
            loop.received(Math.max(0, loop.now() - plan.origin() - sendNanos), this, sender);
        } else {
            loop.received(-1, this, sender);
        }
    }

    @Override
    public void departure(String address, String reason) {
        state.departures.add(new RunState.Departure(address, reason, loop.now()));
    }

    @Override
    public void error(String message) {
        state.error("server error to " + localAddress + ": " + message);
    }

    // ---- sending (loop thread) ----

    /**
     * Queues every message that is due and fits, then writes.
     *
     * @return when the next message of this sender falls due (plan time), or Long.MAX_VALUE
     */
    long generate(long now, SendPlan plan, ByteBuffer scratch) throws IOException {
        if (senderId < 0 || doneSending || closed) {
            return Long.MAX_VALUE;
        }
        long t = now - plan.origin();
        int frame = publisher.maxLength(state.payload.maxLength());
        long nextDue = Long.MAX_VALUE;
        if (plan.rate()) {
            long phase = plan.periodNanos() * senderId / Math.max(1, state.senders);
            while (true) {
                long intended = plan.sendStart() + phase + nextSeq * plan.periodNanos();
                if (intended >= plan.measureEnd()) {
                    finishSending();
                    break;
                }
                if (intended > t + EARLY_NANOS) {
                    nextDue = intended;
                    break;
                }
                if (out.remaining() < frame) {
                    break; // the socket is behind: the message stays due and will carry its intended time
                }
                // Late (the socket or this thread was behind): charged from the intended time, so the wait
                // counts (no coordinated omission). Early (the timer wakes up to 1 ms ahead): from now.
                emit(Math.min(intended, t), plan, scratch);
            }
        } else if (t >= plan.measureEnd()) {
            finishSending();
        } else if (t >= plan.sendStart()) {
            while (inFlight < plan.window() && out.remaining() >= frame) {
                emit(t, plan, scratch);
            }
        }
        flush();
        return nextDue;
    }

    private void emit(long stamp, SendPlan plan, ByteBuffer scratch) {
        scratch.clear();
        int len = state.payload.encode(scratch, senderId, nextSeq, stamp);
        publisher.publish(out, scratch.array(), 0, len);
        nextSeq++;
        inFlight++;
        if (plan.measured(stamp)) {
            loop.sent();
        }
    }

    private void finishSending() {
        doneSending = true;
        state.finalSent.set(senderId, nextSeq);
        state.sendersDone.incrementAndGet();
    }

    void flush() throws IOException {
        if (closed || out.position() == 0) {
            return;
        }
        out.flip();
        channel.write(out);
        out.compact();
        int ops = key.interestOps();
        int wanted = out.position() > 0 ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE;
        if (wanted != ops) {
            key.interestOps(wanted);
        }
    }

    // ---- results (read by the driving thread after the loops have stopped) ----

    /** True when this member has received every message the senders sent. */
    boolean complete(long[] sent) {
        return checker == null || closed || checker.complete(sent);
    }

    public Role role() {
        return role;
    }

    /** 0..senders-1 for a sender, -1 otherwise. */
    public int senderId() {
        return senderId;
    }

    public boolean isReady() {
        return ready;
    }

    public boolean isClosed() {
        return closed;
    }

    public String closeReason() {
        return closeReason;
    }

    public long closedNanos() {
        return closedNanos;
    }

    public SequenceChecker checker() {
        return checker;
    }

    public String localAddress() {
        return localAddress;
    }

    public long connectNanos() {
        return firstByteNanos == 0 ? -1 : firstByteNanos - connectStartNanos;
    }

    public long readyNanos() {
        return readyNanos;
    }

    public long sent() {
        return nextSeq;
    }

    public long foreign() {
        return foreign;
    }

    public SocketChannel channel() {
        return channel;
    }

    /**
     * After the run, for a client that stopped reading: reads what is left (bounded) to learn whether the
     * server closed it. Called by the driving thread once the loops are stopped.
     */
    public boolean probeClosed(long maxBytes) {
        if (closed) {
            return true;
        }
        if (channel == null || !channel.isOpen()) {
            return false;
        }
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        try {
            while (total < maxBytes) {
                sink.clear();
                int n = channel.read(sink);
                if (n < 0) {
                    return true;
                }
                if (n == 0) {
                    return false;
                }
                total += n;
            }
        } catch (IOException e) {
            return true; // reset by the server
        }
        return false;
    }

    void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing after the run; nothing to report
        }
    }
}
