package parley.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import parley.core.ServerLog;

/**
 * The accept loop both backends run on a thread of its own: block in {@code accept()}, admit the socket under
 * the connection caps (or refuse it with one line), hand it to the backend.
 *
 * <p>A blocking accept needs no readiness handling, and stopping is just closing the listening socket,
 * which throws the blocked {@code accept()} out. After a failed accept (typically: out of file descriptors)
 * it pauses rather than spin a core at 100% while the condition lasts.
 */
public final class Acceptor {

    /** Where an admitted socket goes. */
    @FunctionalInterface
    public interface Handler {
        void serve(SocketChannel channel, InetAddress ip) throws IOException;
    }

    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ServerSocketChannel listener;
    private final Gatekeeper gate;
    private final ServerLog log;
    private final Handler handler;
    private final Thread thread;

    public Acceptor(String threadName, ServerSocketChannel listener, Gatekeeper gate, ServerLog log, Handler handler) {
        this.listener = listener;
        this.gate = gate;
        this.log = log;
        this.handler = handler;
        // One long-lived thread that sleeps in the kernel: a platform thread, whatever the JVM.
        this.thread = new Thread(this::run, threadName);
    }

    public void start() {
        thread.start();
    }

    /** Closes the listening socket and waits until no accepted socket can still be on its way to the handler. */
    public void stop() throws InterruptedException {
        try {
            listener.close();
        } catch (IOException e) {
            log.info("closing the listening socket failed: " + e.getMessage());
        }
        thread.join();
    }

    private void run() {
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
            gate.admit(channel).ifPresent(ip -> serve(channel, ip));
        }
    }

    /** A failure to serve one socket costs that socket, never the accept loop. */
    private void serve(SocketChannel channel, InetAddress ip) {
        try {
            handler.serve(channel, ip);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            log.info("could not serve a new connection from " + ip.getHostAddress() + ": " + e);
            gate.release(ip);
            try {
                channel.close();
            } catch (IOException closing) {
                // it is being dropped anyway
            }
            if (e instanceof OutOfMemoryError) {
                LockSupport.parkNanos(RETRY_PAUSE_NANOS); // e.g. no native thread: give the system a moment
            }
        }
    }
}
