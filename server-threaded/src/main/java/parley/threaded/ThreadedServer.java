package parley.threaded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import parley.core.ChatCore;
import parley.output.OutputMemory;
import parley.server.Acceptor;
import parley.server.ConnectionThreads;
import parley.server.CoreTicker;
import parley.server.DaemonThreads;
import parley.server.Gatekeeper;
import parley.server.RunningServer;
import parley.server.ServerSettings;

/**
 * A running threaded backend: the shared {@link Acceptor} blocks in {@code accept} and gives every new socket
 * its own {@link Connection}, whose threads do the rest, so waiting for one person never keeps anyone else
 * waiting.
 */
final class ThreadedServer implements RunningServer {

    private final ServerSettings settings;
    private final ChatCore core;
    private final ServerContext context;
    private final InetSocketAddress address;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Gatekeeper gate;
    private final Acceptor acceptor;
    /** Started with the server: sums up big rooms' comings and goings. */
    private CoreTicker ticker;
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    ThreadedServer(ServerSocketChannel listener, ServerSettings settings, ChatCore core, ConnectionThreads threads)
            throws IOException {
        this.settings = settings;
        this.core = core;
        this.context = new ServerContext(settings, core, threads, Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("parley-deadlines")), settings.limits().newOutputMemory());
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.gate = new Gatekeeper(settings.limits(), core, settings.log());
        this.acceptor = new Acceptor("parley-acceptor", listener, gate, settings.log(), this::serve, failure::complete);
    }

    void start() {
        ticker = CoreTicker.start(core, context.memory(), settings.log());
        acceptor.start();
    }

    /** Runs on the acceptor thread; once the connection exists, it releases its own admission on close. */
    private void serve(SocketChannel socket, InetAddress ip) throws IOException {
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true); // chat lines are small; don't hold them
        Connection c = new Connection(socket, context, closed -> {
            connections.remove(closed);
            gate.release(ip);
        });
        connections.add(c);
        c.start();
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public int connectionCount() {
        return connections.size();
    }

    @Override
    public OutputMemory outputMemory() {
        return context.memory();
    }

    @Override
    public CompletionStage<String> failure() {
        return failure;
    }

    /**
     * Stop accepting (and wait until no accepted socket is still on its way in), tell everyone, let each
     * connection drain for up to {@code flushTimeout}, then close what is left. A second call waits for the
     * first to finish.
     */
    @Override
    public void shutdown(Duration flushTimeout) {
        if (!shutdownStarted.compareAndSet(false, true)) {
            awaitTermination(flushTimeout);
            return;
        }
        try {
            acceptor.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ticker.close();
        core.announceShutdown();
        long deadline = System.nanoTime() + flushTimeout.toNanos();
        for (Connection c : connections) {
            c.closeAfterFlush("server shutdown");
        }
        for (Connection c : connections) {
            c.awaitClosed(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        for (Connection c : connections) {
            c.closeNow("server shutdown");
        }
        context.deadlines().shutdownNow();
        terminated.countDown();
    }

    private void awaitTermination(Duration flushTimeout) {
        try {
            terminated.await(flushTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
