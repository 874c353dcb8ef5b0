package parley.selector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import parley.core.ChatCore;
import parley.log.LogEvent;
import parley.output.OutputMemory;
import parley.server.Gatekeeper;
import parley.server.Quietly;
import parley.server.ServerSettings;
import parley.server.SocketAddresses;

/**
 * One selector, one thread, and the connections registered with it. See the package documentation for the
 * picture of one turn.
 */
final class EventLoop implements Runnable {

    private static final String SHUTTING_DOWN = "server shutting down";
    /** While reads are paused, how often a sleeping loop looks whether the backlog has been written. */
    private static final long BACKLOG_POLL_MILLIS = 5;

    private final ChatCore core;
    private final Gatekeeper gate;
    private final ServerSettings settings;
    private final LoopTuning tuning;
    private final OutputMemory memory;
    /** Told, once, when this loop dies of something it cannot pin on one connection: the server must stop. */
    private final Consumer<String> onFatal;
    private final Selector selector;
    private final TaskHandoff tasks;
    private final Thread thread;
    /**
     * One read buffer for all of this loop's connections; each read is decoded before the next. On the heap:
     * the decoder makes each line's string straight from its array (the JDK copies a read in from a direct
     * buffer of its own, without allocating), where a direct buffer would cost a copy of every line first.
     */
    private final ByteBuffer readBuffer;
    /**
     * One scratch array for the gathering writes of all of this loop's connections, as for reads: as many
     * chunks as one turn may write to a connection, so that the turn's budget is what one write takes.
     */
    private final ByteBuffer[] writeBatch;
    /** Concurrent only so that {@link #connectionCount()} may be read from another thread; changed by the loop. */
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Connections with output to write before the loop sleeps (Redis's clients_pending_write). */
    private final ArrayDeque<Connection> pendingWrites = new ArrayDeque<>();
    /**
     * Connections with a deadline (closing after a flush, or holding lines until the rate limit lets them
     * through), whose deadlines bound how long the loop may sleep.
     */
    private final Set<Connection> timed = new HashSet<>();
    private volatile int connectionCount;
    private boolean stopping;
    /** True while the server's output backlog keeps this loop from reading: see {@link #applyBackPressure()}. */
    private boolean readsPaused;
    /** Set when the loop thread ends, for whatever reason: nothing more may be handed to it. */
    private volatile boolean dead;
    /** The TLS port's settings and task pool; null when the server has no TLS port. */
    private final TlsPort tlsPort;
    /**
     * The read buffer of this loop's TLS connections, made on the first: an unwrap needs room for a whole
     * record (16 KiB), twice the plain buffer.
     */
    private ByteBuffer tlsReadBuffer;

    EventLoop(String name, ChatCore core, ServerSettings settings, LoopTuning tuning, Gatekeeper gate,
              OutputMemory memory, TlsPort tlsPort, Consumer<String> onFatal) throws IOException {
        this.core = core;
        this.tlsPort = tlsPort;
        this.gate = gate;
        this.settings = settings;
        this.tuning = tuning;
        this.memory = memory;
        this.onFatal = onFatal;
        this.selector = Selector.open();
        this.tasks = new TaskHandoff(selector, tuning.maxTasksPerTurn(),
                e -> settings.log().info(name + ": task failed: " + e));
        this.readBuffer = ByteBuffer.allocate(tuning.readBufferBytes());
        this.writeBatch = new ByteBuffer[(int) Math.max(1, Math.min(OutputMemory.GATHER,
                tuning.maxWriteBytesPerTurn() / OutputMemory.CHUNK_BYTES))];
        this.thread = new Thread(this, name); // not a daemon: a running server keeps the JVM alive
    }

    void start() {
        thread.start();
    }

    /** Closes the selector of a loop that was never started (a later loop failed to open). */
    void abandon() {
        try {
            selector.close();
        } catch (IOException e) {
            // it was never used
        }
    }

    /**
     * Turns until stopped. Whatever one connection's work throws (an Error too) closes that connection and
     * the loop goes on; anything else that escapes is the loop's own failure, and the server is told to stop:
     * never a server with a dead loop that still takes newcomers.
     */
    @Override
    public void run() {
        try {
            while (!stopped()) {
                tasks.runPending();        // handed in by other threads: new connections, writes, the stop
                writePending();            // write directly (reading what arrives meanwhile); OP_WRITE only
                                           // for what the socket did not take
                runTimers();               // flush deadlines passed, rate-limited lines now due
                applyBackPressure();       // no reading while the server is behind its own writes
                tasks.sleep(sleepMillis()); // select; a post() wakes it
                processReadyKeys();        // read and decode, or write what OP_WRITE was waiting for
            }
        } catch (Throwable e) {
            String failure = thread.getName() + " failed: " + e;
            settings.log().info(failure + "; closing its connections");
            onFatal.accept(failure);
        } finally {
            dead = true;
            stopping = true;
            closeEverything();
            // Sockets handed in before `dead` was seen: each hand-off now closes and frees its socket.
            while (tasks.runPending() > 0) {
                // until none is left
            }
        }
    }

    // ---- Any thread ----

    /** Runs {@code task} on this loop's thread, at the start of its next turn. */
    void execute(Runnable task) {
        tasks.post(task);
    }

    /**
     * Takes a freshly accepted, admitted socket: it is registered and joins the chat on this loop.
     *
     * <p>The hand-off is claimed once, either by the loop (which registers it, or closes it if it is stopping)
     * or here, when the loop died after the task was queued and may never run it.
     *
     * @throws IOException when this loop has died: the acceptor then closes the socket and frees its slot
     */
    void handOff(SocketChannel channel, InetAddress ip, boolean overTls) throws IOException {
        AtomicBoolean claimed = new AtomicBoolean();
        execute(() -> {
            if (claimed.compareAndSet(false, true)) {
                register(channel, ip, overTls);
            }
        });
        if (dead && claimed.compareAndSet(false, true)) {
            throw new IOException(thread.getName() + " has stopped");
        }
    }

    /** True once the loop thread has ended: it takes no more connections. */
    boolean isDead() {
        return dead;
    }

    /** Flushes and closes every connection, closing what is left at {@code deadlineNanos}; then the thread ends. */
    void stop(long deadlineNanos) {
        execute(() -> {
            stopping = true;
            for (Connection c : List.copyOf(connections)) {
                c.closeWhenFlushed(SHUTTING_DOWN, deadlineNanos);
            }
        });
    }

    /** Waits for the thread to end, until {@code deadlineNanos}; true if it did. */
    boolean awaitStopped(long deadlineNanos) throws InterruptedException {
        if (Thread.currentThread() != thread) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        }
        return !thread.isAlive();
    }

    /** Connections registered and not yet closed. */
    int connectionCount() {
        return connectionCount;
    }

    /**
     * Asks for {@code c} to be written before the loop next sleeps: directly into the pending set from the
     * loop's own thread, through a task from any other.
     */
    void queueWrite(Connection c) {
        if (Thread.currentThread() == thread) {
            pendingWrites.add(c);
        } else {
            execute(() -> pendingWrites.add(c));
        }
    }

    ChatCore core() {
        return core;
    }

    ServerSettings settings() {
        return settings;
    }

    LoopTuning tuning() {
        return tuning;
    }

    OutputMemory memory() {
        return memory;
    }

    /** The scratch array for {@code OutputBuffer.writeTo}: loop thread only, empty between writes. */
    ByteBuffer[] writeBatch() {
        return writeBatch;
    }

    Gatekeeper gate() {
        return gate;
    }

    /** Where TLS engines run their slow steps, off every loop. */
    Executor tlsTasks() {
        return tlsPort.tasks();
    }

    Duration tlsHandshakeTimeout() {
        return tlsPort.settings().handshakeTimeout();
    }

    /** The read buffer of TLS connections (loop thread only). */
    ByteBuffer tlsReadBuffer() {
        if (tlsReadBuffer == null) {
            tlsReadBuffer = ByteBuffer.allocate(Math.max(readBuffer.capacity(),
                    TlsWire.plainBufferBytes(tlsPort.settings().newServerEngine())));
        }
        return tlsReadBuffer;
    }

    // ---- Loop thread ----

    /** {@code c} has a deadline now: the loop will not sleep past it. */
    void watchDeadline(Connection c) {
        timed.add(c);
    }

    /** Called by a connection as it closes: it leaves every structure of the loop. */
    void forget(Connection c) {
        connections.remove(c);
        timed.remove(c);
        connectionCount = connections.size();
    }

    private boolean stopped() {
        return stopping && connections.isEmpty();
    }

    private void register(SocketChannel channel, InetAddress ip, boolean overTls) {
        if (stopping) { // or dead: then this runs on the loop's last drain
            gate.release(ip);
            Quietly.close(channel);
            return;
        }
        Connection c;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // chat lines are small; don't hold them
            c = new Connection(this, channel, peerAddress(channel), ip, overTls ? tlsPort.settings() : null);
            c.register(selector);
        } catch (IOException e) {
            settings.log().info("accept failed: " + e.getMessage());
            gate.release(ip);
            Quietly.close(channel);
            return;
        }
        connections.add(c);
        connectionCount = connections.size();
        try {
            c.join();
        } catch (Throwable e) {
            failed(c, e);
        }
    }

    /**
     * Writes every connection pending now. A close below may queue more (the room hears the leave), and so
     * may a read in between: next turn's job.
     *
     * <p>Reads in between: when a line's fan-out is a write of its own per member (a room that hears a line
     * or two a turn), the writes are nearly all the loop's time, and a line that arrives meanwhile would wait
     * for all of them, then cost as many again. So once the writes have taken {@link
     * LoopTuning#readAgainNanos}, the loop reads what has arrived: the members not yet written get the new
     * lines in the write they were about to make anyway (one system call for two lines), and only those
     * already written need another. Only while the writes are small (less than a chunk each, on average):
     * a write that already carries dozens of lines gains little from one more, and reading on would only grow
     * what waits for the members still to be written.
     */
    private void writePending() throws IOException {
        long readAt = System.nanoTime() + tuning.readAgainNanos();
        long bytes = 0;
        int writes = 0;
        for (int n = pendingWrites.size(); n > 0; n--) {
            Connection c = pendingWrites.poll();
            try {
                bytes += c.runQueuedWrite();
                writes++;
            } catch (Throwable e) {
                failed(c, e);
            }
            if (n > 1 && !readsPaused && System.nanoTime() - readAt >= 0) {
                if (bytes < (long) writes * OutputMemory.CHUNK_BYTES) {
                    selector.selectNow();
                    processReadyKeys();
                }
                readAt = System.nanoTime() + tuning.readAgainNanos();
                bytes = 0;
                writes = 0;
            }
        }
    }

    private void runTimers() {
        if (timed.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (Connection c : List.copyOf(timed)) {
            try {
                if (c.deadlineNanos() - now <= 0) {
                    c.deadlinePassed(now);
                }
            } catch (Throwable e) {
                failed(c, e);
            }
            if (!c.hasDeadline()) {
                timed.remove(c);
            }
        }
    }

    /**
     * What one connection's work threw costs that connection, not every connection on this loop: a bug, or
     * an Error such as running out of heap while handling its line. The loop goes on.
     */
    private void failed(Connection c, Throwable e) {
        settings.log().event(LogEvent.warn("closing", "{address} after an internal error: {error}")
                .address("address", c.toString()).text("error", e.toString()));
        try {
            c.close("internal error");
        } catch (Throwable again) {
            settings.log().event(LogEvent.warn("closing", "{address} failed: {error}")
                    .address("address", c.toString()).text("error", again.toString()));
            forget(c);
        }
    }

    /**
     * Netty's writability, for the whole server: while some connection whose socket takes what it is given
     * has more output waiting than a little ({@link OutputMemory#backlogged()}), this loop takes its
     * connections out of OP_READ. Reading on would only queue more for readers who are keeping up, until a
     * limit closed them for the server's own slowness; TCP holds the senders meanwhile. Writes go on.
     */
    private void applyBackPressure() {
        boolean pause = memory.backlogged();
        if (pause != readsPaused) {
            readsPaused = pause;
            for (Connection c : connections) {
                c.updateInterest();
            }
        }
    }

    /** True while this loop reads nothing (loop thread). */
    boolean readsPaused() {
        return readsPaused;
    }

    /** How long select may block: not at all with work in hand, until the nearest deadline, or until woken. */
    private long sleepMillis() {
        if (stopped() || !pendingWrites.isEmpty()) {
            return TaskHandoff.NO_SLEEP;
        }
        if (readsPaused) {
            return BACKLOG_POLL_MILLIS; // the backlog may be another loop's: look again soon
        }
        if (timed.isEmpty()) {
            return TaskHandoff.UNTIL_WOKEN;
        }
        long now = System.nanoTime();
        long nearest = Long.MAX_VALUE;
        for (Connection c : timed) {
            nearest = Math.min(nearest, c.deadlineNanos() - now);
        }
        return nearest <= 0 ? TaskHandoff.NO_SLEEP : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nearest));
    }

    private void processReadyKeys() {
        Set<SelectionKey> selected = selector.selectedKeys();
        if (selected.isEmpty()) {
            return; // most looks between a turn's writes find nothing: no iterator made for them (one a look)
        }
        Iterator<SelectionKey> ready = selected.iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            if (key.attachment() instanceof Connection c) {
                try {
                    c.onReady(readBuffer);
                } catch (Throwable e) {
                    failed(c, e);
                }
            }
        }
    }

    private void closeEverything() {
        for (Connection c : List.copyOf(connections)) {
            try {
                c.close(SHUTTING_DOWN);
            } catch (Throwable e) {
                settings.log().event(LogEvent.info("closing", "{address} failed: {error}")
                        .address("address", c.toString()).text("error", e.toString()));
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            settings.log().info(thread.getName() + ": closing the selector failed: " + e.getMessage());
        }
    }

    private static String peerAddress(SocketChannel channel) throws IOException {
        SocketAddress peer = channel.getRemoteAddress();
        if (peer == null) {
            throw new IOException("peer already gone");
        }
        return SocketAddresses.describe(peer); // the same ip:port form as every other backend
    }
}
