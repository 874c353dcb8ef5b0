package parley.selector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import parley.core.ChatCore;
import parley.output.OutputMemory;
import parley.server.Acceptor;
import parley.server.CoreTicker;
import parley.server.Gatekeeper;
import parley.server.RunningServer;
import parley.server.ServerSettings;

/** A running selector backend: the listening socket, its acceptor, and the loops. */
final class SelectorServer implements RunningServer {

    /** Pending-connection queue of the listening socket; the JDK's default of 50 is small for a benchmark. */
    private static final int BACKLOG = 1024;
    /** Beyond the flush timeout, how long shutdown waits for loop threads that are closing sockets. */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final InetSocketAddress address;
    private final ChatCore core;
    private final ServerSettings settings;
    private final List<EventLoop> loops;
    private final OutputMemory memory;
    private final Acceptor acceptor;
    /** Started with the server: sums up big rooms' comings and goings. */
    private CoreTicker ticker;
    private final CompletableFuture<String> failure;
    /** The loop the next accepted socket goes to (acceptor thread only). */
    private int nextLoop;
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    private SelectorServer(ServerSocketChannel listener, ChatCore core, ServerSettings settings,
                           List<EventLoop> loops, OutputMemory memory, CompletableFuture<String> failure)
            throws IOException {
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.core = core;
        this.settings = settings;
        this.loops = loops;
        this.memory = memory;
        this.failure = failure;
        this.acceptor = new Acceptor("parley-selector-accept", listener, loops.get(0).gate(), settings.log(),
                this::handOff, failure::complete);
    }

    /**
     * Deals accepted sockets to the loops round-robin, passing over a loop that has died (the server is then
     * stopping: see {@link #failure()}). Why a thread of its own rather than OP_ACCEPT on loop 0's selector:
     * every loop stays identical (loop 0 would otherwise pay for accept bursts while its clients wait), and
     * stopping it is just closing the listening socket.
     */
    private void handOff(SocketChannel channel, InetAddress ip) throws IOException {
        for (int tried = 0; tried < loops.size(); tried++) {
            EventLoop loop = loops.get(nextLoop);
            nextLoop = (nextLoop + 1) % loops.size();
            if (!loop.isDead()) {
                loop.handOff(channel, ip);
                return;
            }
        }
        throw new IOException("no event loop is running");
    }

    /** Binds, starts the loops and then the acceptor; connecting clients wait in the backlog meanwhile. */
    static SelectorServer start(ServerSettings settings, ChatCore core, LoopTuning tuning) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        List<EventLoop> loops = new ArrayList<>();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(settings.host(), settings.port()), BACKLOG);
            Gatekeeper gate = new Gatekeeper(settings.limits(), core, settings.log());
            OutputMemory memory = settings.limits().newOutputMemory();
            CompletableFuture<String> failure = new CompletableFuture<>();
            for (int i = 0; i < settings.effectiveLoops(); i++) {
                loops.add(new EventLoop("parley-selector-loop-" + i, core, settings, tuning, gate, memory,
                        failure::complete));
            }
            SelectorServer server = new SelectorServer(listener, core, settings, List.copyOf(loops), memory, failure);
            loops.forEach(EventLoop::start);
            server.ticker = CoreTicker.start(core, memory, settings.log());
            server.acceptor.start();
            return server;
        } catch (IOException | RuntimeException e) {
            loops.forEach(EventLoop::abandon);
            listener.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public int connectionCount() {
        int sum = 0;
        for (EventLoop loop : loops) {
            sum += loop.connectionCount();
        }
        return sum;
    }

    @Override
    public OutputMemory outputMemory() {
        return memory;
    }

    @Override
    public CompletionStage<String> failure() {
        return failure;
    }

    /**
     * Stop accepting; let connections already handed to a loop register, so they hear the announcement;
     * announce; then each loop flushes and closes its connections by the deadline and ends. A second call
     * waits for the first to finish. Must not be called from a loop thread (it waits for them).
     */
    @Override
    public void shutdown(Duration flushTimeout) {
        if (!shutdownStarted.compareAndSet(false, true)) {
            awaitTermination();
            return;
        }
        long deadline = System.nanoTime() + flushTimeout.toNanos();
        try {
            acceptor.stop();
            awaitHandedOffConnections(deadline);
            ticker.close();
            core.announceShutdown();
            loops.forEach(loop -> loop.stop(deadline));
            for (EventLoop loop : loops) {
                if (!loop.awaitStopped(deadline + STOP_GRACE_NANOS)) {
                    settings.log().info("an event loop did not stop in time");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the loops still stop by the deadline; we just stop waiting
        } finally {
            terminated.countDown();
        }
    }

    /** Tasks run in order, so once each loop has run a task posted now, every earlier hand-off has run. */
    private void awaitHandedOffConnections(long deadlineNanos) throws InterruptedException {
        CountDownLatch registered = new CountDownLatch(loops.size());
        loops.forEach(loop -> loop.execute(registered::countDown));
        registered.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void awaitTermination() {
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loops, in hand-off order (for tests). */
    List<EventLoop> loops() {
        return loops;
    }
}
