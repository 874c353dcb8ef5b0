package parley.app;

import java.util.concurrent.CountDownLatch;

/**
 * SIGTERM or SIGINT (Ctrl-C), caught. Handling the signals ourselves, rather than in a shutdown hook, lets
 * the server flush its clients and then exit with code 0 instead of the JVM's 143. Install it before the
 * server starts: a signal that arrives between "listening on" and the wait must not kill the process.
 */
final class StopSignal {

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String failure;

    private StopSignal() {
    }

    static StopSignal install() {
        StopSignal s = new StopSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> s.stop.countDown());
            } catch (IllegalArgumentException e) {
                // This platform does not have the signal: the default handling stays.
            }
        }
        return s;
    }

    /** Returns once a signal has arrived, or the server has failed (at once, if either already has). */
    void await() throws InterruptedException {
        stop.await();
    }

    /** The server failed for good: stop as a signal would, and remember why. Any thread. */
    void fail(String why) {
        if (failure == null) {
            failure = why;
        }
        stop.countDown();
    }

    /** What made the server fail, or null if it was a signal that stopped it. */
    String failure() {
        return failure;
    }
}
