package parley.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import parley.core.ServerLog;

/**
 * The server's log: one timestamped line per event on stderr, written by a thread of its own.
 *
 * <p>The core logs while it holds its lock and the event loops log on their own threads, so a log call must
 * never block: if stderr stalls (a pipe nobody reads, Ctrl-S in the terminal) the lines queue up to a bound
 * and are then dropped and counted, and the server goes on serving. Closing never blocks on it either: the
 * writer gets a moment to finish, then the process exits without it (it is a daemon thread).
 */
final class StderrLog implements ServerLog, AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
    private static final int BACKLOG = 10_000;
    /** How long {@link #close()} lets the writer finish: enough for a backlog to a working stderr. */
    private static final long CLOSE_WAIT_MILLIS = 1_000;
    private static final String STOP = new String("stop"); // compared by identity: no log line is it

    private final Clock clock;
    private final PrintWriter err;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(BACKLOG);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;

    StderrLog(Clock clock, PrintWriter err) {
        this.clock = clock;
        this.err = err;
        this.writer = new Thread(this::drain, "parley-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void info(String message) {
        if (!lines.offer(TIME.withZone(clock.getZone()).format(clock.instant()) + " " + message)) {
            dropped.incrementAndGet();
        }
    }

    /**
     * Writes what is queued and stops the writer, waiting for it at most {@link #CLOSE_WAIT_MILLIS} in all: a
     * stalled stderr must never hold up shutdown.
     */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        if (lines.offer(STOP, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                writer.join(left);
            }
        }
    }

    private void drain() {
        try {
            for (String line = lines.take(); line != STOP; line = lines.take()) {
                reportDropped();
                err.println(line);
                if (lines.isEmpty()) {
                    err.flush();
                }
            }
            reportDropped();
            err.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reportDropped() {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            err.println("(" + lost + " log lines dropped: stderr was not keeping up)");
        }
    }
}
