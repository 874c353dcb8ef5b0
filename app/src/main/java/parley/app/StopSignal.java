package parley.app;

import java.util.concurrent.CountDownLatch;

/**
 * Waits for SIGTERM or SIGINT (Ctrl-C). Handling the signals ourselves, rather than in a shutdown hook,
 * lets the server flush its clients and then exit with code 0 instead of the JVM's 143.
 */
final class StopSignal {

    private StopSignal() {
    }

    static void await() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.countDown());
            } catch (IllegalArgumentException e) {
                // This platform does not have the signal: the default handling stays.
            }
        }
        stop.await();
    }
}
