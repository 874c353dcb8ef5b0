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
import java.util.Optional;
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
import parley.server.Refusals;
import parley.server.RunningServer;
import parley.server.ServerSettings;
import parley.tls.TlsSettings;

/** A running selector backend: the listening socket, its acceptor, and the loops. */
final class SelectorServer implements RunningServer {

    /** Beyond the flush timeout, how long shutdown waits for loop threads that are closing sockets. */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final InetSocketAddress address;
    private final ChatCore core;
    private final ServerSettings settings;
    private final List<EventLoop> loops;
    private final OutputMemory memory;
    private final Acceptor acceptor;
    /** The TLS port's acceptor and its address; null without a TLS port. */
    private final Acceptor tlsAcceptor;
    private final InetSocketAddress tlsAddress;
    private final TlsPort tlsPort;
    /** Started with the server: sums up big rooms' comings and goings. */
    private CoreTicker ticker;
    private final CompletableFuture<String> failure;
    /** The loop the next accepted socket goes to (the acceptors, under handOff's lock). */
    private int nextLoop;
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    private SelectorServer(ServerSocketChannel listener, ServerSocketChannel tlsListener, TlsPort tlsPort,
                           ChatCore core, ServerSettings settings, List<EventLoop> loops, OutputMemory memory,
                           CompletableFuture<String> failure) throws IOException {
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.core = core;
        this.settings = settings;
        this.loops = loops;
        this.memory = memory;
        this.failure = failure;
        this.acceptor = new Acceptor("parley-selector-accept", listener, loops.get(0).gate(), settings.log(),
                (channel, ip) -> handOff(channel, ip, false), failure::complete);
        this.tlsPort = tlsPort;
        if (tlsListener == null) {
            this.tlsAcceptor = null;
            this.tlsAddress = null;
        } else {
            this.tlsAddress = (InetSocketAddress) tlsListener.getLocalAddress();
            this.tlsAcceptor = new Acceptor("parley-selector-accept-tls", tlsListener, loops.get(0).gate(),
                    settings.log(), (channel, ip) -> handOff(channel, ip, true), failure::complete);
        }
    }

    /**
     * Deals accepted sockets to the loops round-robin, passing over a loop that has died (the server is then
     * stopping: see {@link #failure()}). Why a thread of its own rather than OP_ACCEPT on loop 0's selector:
     * every loop stays identical (loop 0 would otherwise pay for accept bursts while its clients wait), and
     * stopping it is just closing the listening socket.
     */
    private synchronized void handOff(SocketChannel channel, InetAddress ip, boolean overTls) throws IOException {
        for (int tried = 0; tried < loops.size(); tried++) {
            EventLoop loop = loops.get(nextLoop);
            nextLoop = (nextLoop + 1) % loops.size();
            if (!loop.isDead()) {
                loop.handOff(channel, ip, overTls);
                return;
            }
        }
        throw new IOException("no event loop is running");
    }

    /** Binds, starts the loops and then the acceptor; connecting clients wait in the backlog meanwhile. */
    static SelectorServer start(ServerSettings settings, ChatCore core, LoopTuning tuning, Optional<TlsSettings> tls)
            throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        ServerSocketChannel tlsListener = null;
        TlsPort tlsPort = tls.map(TlsPort::start).orElse(null);
        List<EventLoop> loops = new ArrayList<>();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(settings.host(), settings.port()), settings.arrivals().backlog());
            if (tlsPort != null) {
                tlsListener = ServerSocketChannel.open();
                tlsListener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                tlsListener.bind(new InetSocketAddress(settings.host(), tlsPort.settings().port()), settings.arrivals().backlog());
            }
            Gatekeeper gate = new Gatekeeper(settings, core);
            OutputMemory memory = settings.limits().newOutputMemory();
            core.shedWhen(memory::underPressure);
            CompletableFuture<String> failure = new CompletableFuture<>();
            for (int i = 0; i < settings.effectiveLoops(); i++) {
                loops.add(new EventLoop("parley-selector-loop-" + i, core, settings, tuning, gate, memory,
                        tlsPort, failure::complete));
            }
            SelectorServer server = new SelectorServer(listener, tlsListener, tlsPort, core, settings,
                    List.copyOf(loops), memory, failure);
            loops.forEach(EventLoop::start);
            server.ticker = CoreTicker.start(core, memory, gate, settings.log());
            server.acceptor.start();
            if (server.tlsAcceptor != null) {
                server.tlsAcceptor.start();
            }
            return server;
        } catch (IOException | RuntimeException e) {
            loops.forEach(EventLoop::abandon);
            listener.close();
            if (tlsListener != null) {
                tlsListener.close();
            }
            if (tlsPort != null) {
                tlsPort.tasks().shutdownNow();
            }
            throw e;
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public Optional<InetSocketAddress> tlsAddress() {
        return Optional.ofNullable(tlsAddress);
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
    public Refusals refusals() {
        return loops.get(0).gate().refusals();
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
            if (tlsAcceptor != null) {
                tlsAcceptor.stop();
            }
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
            if (tlsPort != null) {
                tlsPort.tasks().shutdownNow();
            }
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
