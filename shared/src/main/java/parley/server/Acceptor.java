package parley.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import parley.core.ServerLog;
import parley.log.LogEvent;

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
    private final Consumer<String> onFatal;
    private final Thread thread;

    /**
     * @param onFatal told, once, if the accept loop itself dies of an unexpected error: the server then
     *                accepts nobody and must stop
     */
    public Acceptor(String threadName, ServerSocketChannel listener, Gatekeeper gate, ServerLog log, Handler handler,
                    Consumer<String> onFatal) {
        this.listener = listener;
        this.gate = gate;
        this.log = log;
        this.handler = handler;
        this.onFatal = onFatal;
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
        try {
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
                serve(channel);
            }
        } catch (Throwable e) {
            if (listener.isOpen()) {
                log.info("the acceptor failed: " + e);
                onFatal.accept("the acceptor failed: " + e);
            }
        }
    }

    /** Admits and hands over one socket. A failure to serve it (an Error too) costs that socket, never the loop. */
    private void serve(SocketChannel channel) {
        InetAddress ip = null;
        try {
            Optional<InetAddress> admitted = gate.admit(channel);
            if (admitted.isEmpty()) {
                return; // refused, told why and closed
            }
            ip = admitted.get();
            handler.serve(channel, ip);
        } catch (Throwable e) {
            log.event(LogEvent.warn("serve failed", "{address}: {error}")
                    .address("address", ip == null ? "?" : ip.getHostAddress()).text("error", e.toString()));
            if (ip != null) {
                gate.release(ip);
            }
            Quietly.close(channel);
            if (e instanceof Error) {
                LockSupport.parkNanos(RETRY_PAUSE_NANOS); // e.g. no native thread: give the system a moment
            }
        }
    }
}
