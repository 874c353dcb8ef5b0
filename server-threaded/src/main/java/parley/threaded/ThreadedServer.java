package parley.threaded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import parley.core.ChatCore;
import parley.server.ConnectionThreads;
import parley.server.Gatekeeper;
import parley.server.RunningServer;
import parley.server.ServerSettings;

/**
 * The acceptor: blocks in {@code accept} and gives every new socket its own {@link Connection}, whose
 * threads do the rest, so waiting for one person never keeps anyone else waiting.
 */
final class ThreadedServer implements RunningServer {

    private final ServerSocketChannel listener;
    private final ServerSettings settings;
    private final ChatCore core;
    private final ServerContext context;
    private final InetSocketAddress address;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Gatekeeper gate;
    private final Thread acceptor;
    private volatile boolean stopping;

    ThreadedServer(ServerSocketChannel listener, ServerSettings settings, ChatCore core, ConnectionThreads threads)
            throws IOException {
        this.listener = listener;
        this.settings = settings;
        this.core = core;
        this.context = new ServerContext(settings, core, threads, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-deadlines");
            t.setDaemon(true);
            return t;
        }));
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.gate = new Gatekeeper(settings.limits(), core, settings.log());
        // The acceptor is one long-lived thread: a platform thread is right whatever the JVM.
        this.acceptor = new Thread(this::acceptLoop, "parley-acceptor");
    }

    void start() {
        acceptor.start();
    }

    private void acceptLoop() {
        while (!stopping) {
            try {
                SocketChannel socket = listener.accept();
                gate.admit(socket).ifPresent(ip -> serve(socket, ip));
            } catch (ClosedChannelException e) {
                return; // shutdown closed the listener
            } catch (IOException e) {
                settings.log().info("accept failed: " + e.getMessage());
            }
        }
    }

    private void serve(SocketChannel socket, InetAddress ip) {
        Connection c = new Connection(socket, context, closed -> {
            connections.remove(closed);
            gate.release(ip);
        });
        connections.add(c);
        try {
            c.start();
        } catch (IOException e) {
            settings.log().info("accept failed: " + e.getMessage());
            c.closeNow("connection reset");
        }
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
    public long queuedBytes() {
        long sum = 0;
        for (Connection c : connections) {
            sum += c.queuedBytes();
        }
        return sum;
    }

    @Override
    public void shutdown(Duration flushTimeout) {
        if (stopping) {
            return;
        }
        stopping = true;
        try {
            listener.close();
        } catch (IOException e) {
            settings.log().info("closing the listener failed: " + e.getMessage());
        }
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
        try {
            acceptor.join(flushTimeout.toMillis() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
