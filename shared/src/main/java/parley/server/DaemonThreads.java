package parley.server;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Platform threads named {@code prefix-1}, {@code prefix-2}, ... that never keep the JVM alive: a server's
 * helpers (acceptor, timers, status) must not outlive a shutdown that went wrong, and a test must not hang on
 * them.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory whose threads are numbered on their own, from 1. */
    public static ThreadFactory named(String prefix) {
        AtomicLong n = new AtomicLong();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
