package parley.threaded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
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
import parley.server.Refusals;
import parley.server.RunningServer;
import parley.server.ServerSettings;
import parley.tls.TlsSettings;

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
    /** The TLS port's acceptor and address; null without a TLS port. */
    private final Acceptor tlsAcceptor;
    private final InetSocketAddress tlsAddress;
    /** Started with the server: sums up big rooms' comings and goings. */
    private CoreTicker ticker;
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    /**
     * @param tlsListener  the TLS port's listening socket, with {@code tls}; both null without one
     * @param writersEndWhenIdle whether a connection's writer ends once it has nothing to write (see {@link Connection})
     */
    ThreadedServer(ServerSocketChannel listener, ServerSocketChannel tlsListener, TlsSettings tls,
                   ServerSettings settings, ChatCore core, ConnectionThreads threads, boolean writersEndWhenIdle)
            throws IOException {
        this.settings = settings;
        this.core = core;
        this.context = new ServerContext(settings, core, threads, Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("parley-deadlines")), settings.limits().newOutputMemory(), writersEndWhenIdle);
        this.address = (InetSocketAddress) listener.getLocalAddress();
        core.shedWhen(context.memory()::underPressure);
        this.gate = new Gatekeeper(settings, core);
        this.acceptor = new Acceptor("parley-acceptor", listener, gate, settings.log(),
                (socket, ip) -> serve(socket, ip, null), failure::complete);
        if (tlsListener == null) {
            this.tlsAcceptor = null;
            this.tlsAddress = null;
        } else {
            this.tlsAddress = (InetSocketAddress) tlsListener.getLocalAddress();
            this.tlsAcceptor = new Acceptor("parley-acceptor-tls", tlsListener, gate, settings.log(),
                    (socket, ip) -> serve(socket, ip, tls), failure::complete);
        }
    }

    void start() {
        ticker = CoreTicker.start(core, context.memory(), gate, settings.log());
        acceptor.start();
        if (tlsAcceptor != null) {
            tlsAcceptor.start();
        }
    }

    /** Runs on the acceptor thread; once the connection exists, it releases its own admission on close. */
    private void serve(SocketChannel socket, InetAddress ip, TlsSettings tls) throws IOException {
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true); // chat lines are small; don't hold them
        Connection c = new Connection(socket, context, tls, closed -> {
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
    public Optional<InetSocketAddress> tlsAddress() {
        return Optional.ofNullable(tlsAddress);
    }

    @Override
    public int connectionCount() {
        return connections.size();
    }

    @Override
    public Refusals refusals() {
        return gate.refusals();
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
            if (tlsAcceptor != null) {
                tlsAcceptor.stop();
            }
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
