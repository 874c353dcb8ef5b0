package parley.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import parley.core.ServerLog;
import parley.log.AddressPolicy;
import parley.log.BoundedLog;
import parley.log.LogEvent;
import parley.log.LogFormat;
import parley.log.LogThrottle;

/**
 * The server's log: one timestamped line per event on stderr, written by a thread of its own.
 *
 * <p>The core logs while it holds its lock and the event loops log on their own threads, so a log call must
 * never block: if stderr stalls (a pipe nobody reads, Ctrl-S in the terminal) the events queue up to a bound
 * and are then dropped and counted, and the server goes on serving. Closing never blocks on it either: the
 * writer gets a moment to finish, then the process exits without it (it is a daemon thread).
 *
 * <p>The writer thread alone formats: repeats are held back and summed up there ({@link BoundedLog}), and the
 * addresses shown as chosen, so a log call costs the caller one small object and a queue offer.
 */
final class StderrLog implements ServerLog, AutoCloseable {

    private static final int BACKLOG = 10_000;
    /** How long {@link #close()} lets the writer finish: enough for a backlog to a working stderr. */
    private static final long CLOSE_WAIT_MILLIS = 1_000;
    /** How often the writer looks for repeats to sum up when nothing else is logged. */
    private static final long TICK_MILLIS = 1_000;

    private record Entry(Instant time, LogEvent event) {
    }

    private static final Entry STOP = new Entry(Instant.EPOCH, LogEvent.plain("stop")); // compared by identity

    private final Clock clock;
    private final PrintWriter err;
    private final BoundedLog out;
    private final LogFormat format;
    private final AddressPolicy addresses;
    private final BlockingQueue<Entry> lines = new ArrayBlockingQueue<>(BACKLOG);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;

    /** Text lines, addresses in full, repeats summed up. */
    StderrLog(Clock clock, PrintWriter err) {
        this(clock, err, LogFormat.text(clock.getZone()), AddressPolicy.full());
    }

    StderrLog(Clock clock, PrintWriter err, LogFormat format, AddressPolicy addresses) {
        this.clock = clock;
        this.err = err;
        this.format = format;
        this.addresses = addresses;
        this.out = new BoundedLog(LogThrottle.defaults(), addresses, format, clock, err::println);
        this.writer = new Thread(this::drain, "parley-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void info(String message) {
        event(LogEvent.plain(message));
    }

    @Override
    public void event(LogEvent event) {
        if (!lines.offer(new Entry(clock.instant(), event))) {
            dropped.incrementAndGet();
        }
    }

    /**
     * Writes what is queued, and the summaries of repeats still counting, and stops the writer, waiting for it
     * at most {@link #CLOSE_WAIT_MILLIS} in all: a stalled stderr must never hold up shutdown.
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
            for (Entry e = lines.poll(TICK_MILLIS, TimeUnit.MILLISECONDS); e != STOP;
                 e = lines.poll(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
                reportDropped();
                if (e != null) {
                    out.write(e.time(), e.event());
                }
                out.tick();
                if (lines.isEmpty()) {
                    err.flush();
                }
            }
            out.flushAll();
            reportDropped();
            err.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reportDropped() {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            err.println(format.line(clock.instant(), LogEvent.warn(LogEvent.PLAIN,
                    "({dropped} log lines dropped: stderr was not keeping up)").number("dropped", lost), addresses));
        }
    }
}
