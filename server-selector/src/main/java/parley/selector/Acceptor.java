package parley.selector;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import parley.core.ServerLog;
import parley.server.Gatekeeper;

/**
 * A thread blocked in {@code accept()} that deals new connections to the loops round-robin.
 *
 * <p>Why a thread of its own rather than OP_ACCEPT on loop 0's selector: every loop stays identical (loop 0
 * would otherwise pay for accept bursts while its clients wait), a blocking accept needs no registration or
 * readiness handling, and stopping it is just closing the listening socket, which throws the blocked
 * {@code accept()} out with {@link java.nio.channels.AsynchronousCloseException}. It costs one thread that
 * sleeps in the kernel.
 */
final class Acceptor implements Runnable {

    /** After a failed accept (typically: out of file descriptors) wait this long, rather than spin. */
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ServerSocketChannel listener;
    private final List<EventLoop> loops;
    private final Gatekeeper gate;
    private final ServerLog log;
    private final Thread thread;
    private int next;

    Acceptor(ServerSocketChannel listener, List<EventLoop> loops, Gatekeeper gate, ServerLog log) {
        this.listener = listener;
        this.loops = loops;
        this.gate = gate;
        this.log = log;
        this.thread = new Thread(this, "parley-selector-accept");
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        while (listener.isOpen()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return; // stop() closed the listener
            } catch (IOException e) {
                log.info("accept failed: " + e.getMessage());
                LockSupport.parkNanos(RETRY_PAUSE_NANOS);
                continue;
            }
            // Caps are checked here, before a loop is involved: a refused socket is told why and closed.
            gate.admit(channel).ifPresent(ip -> {
                loops.get(next).handOff(channel, ip);
                next = (next + 1) % loops.size();
            });
        }
    }

    /** Closes the listening socket and waits for the thread to leave {@code accept()}. */
    void stop() throws InterruptedException {
        try {
            listener.close();
        } catch (IOException e) {
            log.info("closing the listening socket failed: " + e.getMessage());
        }
        thread.join();
    }
}
