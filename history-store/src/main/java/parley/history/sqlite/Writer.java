package parley.history.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import parley.core.ServerLog;
import parley.history.StoredLine;

/**
 * The one thread that writes the file.
 *
 * <pre>
 *  +--> 1. collect  wait for a line (or the next retention step); then keep taking lines for up to
 *  |                maxDelay or until maxBatch: one transaction for all of them (group commit)
 *  |    2. store    BEGIN IMMEDIATE; INSERT each; maybe move the id reservation; COMMIT.
 *  |                On failure: say why (status and log), drop the connection, wait (backoff doubling up
 *  |                to maxBackoff), open a new connection and try the same batch again. Lines keep
 *  |                arriving meanwhile; when the queue is full the store refuses them (counted).
 *  |    3. retain   when a sweep is due: one small Retention step (at most 500 rows)
 *  +-------------   until the stop marker has been taken; then record the id reservation and close.
 * </pre>
 */
final class Writer implements Runnable {

    /** Put in the queue by close, after the last line: nothing follows it. */
    static final StoredLine STOP = new StoredLine("", Long.MAX_VALUE, java.time.Instant.EPOCH,
            StoredLine.Kind.MESSAGE, "", "", "");

    private static final String INSERT =
            "INSERT INTO lines(id, room, time, kind, nick, address, text) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

    private final Path file;
    private final Database.Opener opener;
    private final BlockingQueue<StoredLine> queue;
    private final Map<Long, StoredLine> unstored;
    private final Tally tally;
    private final LongSupplier lastIssued;
    private final SqliteHistoryStore.Options options;
    private final Clock clock;
    private final ServerLog log;
    private final CountDownLatch stopRequested;
    private final Retention retention;

    private Connection connection;
    private long reservedThrough;
    private long nextSweepNanos = System.nanoTime();

    Writer(Path file, Database.Opener opener, Connection connection, long reservedThrough,
           BlockingQueue<StoredLine> queue, Map<Long, StoredLine> unstored, Tally tally, LongSupplier lastIssued,
           SqliteHistoryStore.Options options, Clock clock, ServerLog log, CountDownLatch stopRequested) {
        this.file = file;
        this.opener = opener;
        this.connection = connection;
        this.reservedThrough = reservedThrough;
        this.queue = queue;
        this.unstored = unstored;
        this.tally = tally;
        this.lastIssued = lastIssued;
        this.options = options;
        this.clock = clock;
        this.log = log;
        this.stopRequested = stopRequested;
        this.retention = new Retention(options.keep(), options.maxLinesPerRoom());
    }

    @Override
    public void run() {
        List<StoredLine> batch = new ArrayList<>(options.maxBatch());
        boolean stop = false;
        while (!stop) {
            try {
                stop = collect(batch);
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; if someone does, finish as at close rather than lose lines.
                stop = true;
            }
            if (!batch.isEmpty()) {
                store(batch);
                batch.clear();
            }
            if (!stop) {
                // One small step per batch, not only when idle: under steady load the queue is never empty,
                // and retention must still keep up.
                retain();
            }
        }
        finish();
    }

    /** Fills {@code batch}; returns true once the stop marker was taken. */
    private boolean collect(List<StoredLine> batch) throws InterruptedException {
        long wait = retention.sweeping() ? 0 : Math.max(0, nextSweepNanos - System.nanoTime());
        StoredLine first = queue.poll(wait, TimeUnit.NANOSECONDS);
        if (first == null) {
            return false;
        }
        if (first == STOP) {
            return true;
        }
        batch.add(first);
        long deadline = System.nanoTime() + options.maxDelay().toNanos();
        while (batch.size() < options.maxBatch()) {
            queue.drainTo(batch, options.maxBatch() - batch.size());
            if (!batch.isEmpty() && batch.get(batch.size() - 1) == STOP) {
                batch.remove(batch.size() - 1);
                return true;
            }
            long left = deadline - System.nanoTime();
            if (batch.size() >= options.maxBatch() || left <= 0) {
                break;
            }
            StoredLine next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == STOP) {
                return true;
            }
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return false;
    }

    /** Stores the batch, retrying with backoff until it is stored or the store is closing. */
    private void store(List<StoredLine> batch) {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                commit(batch);
                return;
            } catch (SQLException e) {
                failed(e);
            }
            if (awaitStop(backoff)) {
                // Closing while the disk fails: one try per batch, then these lines are lost (counted).
                tally.lost.addAndGet(batch.size());
                batch.forEach(line -> unstored.remove(line.id()));
                return;
            }
            backoff = min(backoff.multipliedBy(2), options.maxBackoff());
        }
    }

    private void commit(List<StoredLine> batch) throws SQLException {
        Connection c = connection();
        long issued = lastIssued.getAsLong();
        boolean reserve = IdReservation.due(issued, reservedThrough);
        try {
            if (reserve) {
                // Set outside the transaction (SQLite refuses inside): this commit is fsynced.
                Database.execute(c, "PRAGMA synchronous = FULL");
            }
            Database.execute(c, "BEGIN IMMEDIATE");
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (StoredLine line : batch) {
                    insert.setLong(1, line.id());
                    insert.setString(2, line.room());
                    insert.setLong(3, line.time().toEpochMilli());
                    insert.setInt(4, Database.code(line.kind()));
                    insert.setString(5, line.nick());
                    insert.setString(6, line.address());
                    insert.setString(7, line.text());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (reserve) {
                IdReservation.record(c, issued + IdReservation.BLOCK);
            }
            Database.execute(c, "COMMIT");
            if (reserve) {
                Database.execute(c, "PRAGMA synchronous = NORMAL");
                reservedThrough = issued + IdReservation.BLOCK;
            }
        } catch (SQLException e) {
            dropConnection();
            throw e;
        }
        tally.stored.addAndGet(batch.size());
        tally.transactions.incrementAndGet();
        tally.lastStoredId = batch.get(batch.size() - 1).id();
        // Only now: a reader that misses a line here finds it in the file (see SqliteHistoryStore's reads).
        batch.forEach(line -> unstored.remove(line.id()));
        succeeded();
    }

    /** One retention step when one is due; sweeps are started every retentionEvery. */
    private void retain() {
        if (!retention.sweeping()) {
            if (System.nanoTime() - nextSweepNanos < 0) {
                return;
            }
            retention.startSweep();
        }
        try {
            retention.step(connection(), clock.instant());
            succeeded();
        } catch (SQLException e) {
            failed(e);
            dropConnection();
            retention.stopSweep();
        }
        if (!retention.sweeping()) {
            nextSweepNanos = System.nanoTime() + options.retentionEvery().toNanos();
        }
    }

    private void finish() {
        try {
            // A clean close: the next start goes on from the last id issued, with no gap.
            IdReservation.recordDurably(connection(), lastIssued.getAsLong());
        } catch (SQLException e) {
            // The reservation made while running still holds: the next start leaves a gap, which is harmless.
            log.info("history: could not record the last id at close (" + Database.describe(e) + ")");
        }
        dropConnection();
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = opener.open(file);
            try {
                Database.configure(c);
            } catch (SQLException e) {
                Database.closeQuietly(c);
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /** After a failure the connection may be in any state; closing it rolls back what it had begun. */
    private void dropConnection() {
        Database.closeQuietly(connection);
        connection = null;
    }

    private void failed(SQLException e) {
        String why = Database.describe(e);
        if (!why.equals(tally.failure)) {
            log.info("history is not being stored in " + file + ": " + why + "; retrying");
        }
        tally.failure = why;
    }

    private void succeeded() {
        if (tally.failure != null) {
            log.info("history: storing in " + file + " again");
            tally.failure = null;
        }
        long dropped = tally.droppedSinceCommit.getAndSet(0);
        if (dropped > 0) {
            log.info("history: " + dropped + " lines were not stored: more were waiting than the queue holds ("
                    + options.queueCapacity() + ")");
        }
    }

    /** Waits up to {@code d}; true if close was asked for (at once, or during the wait). */
    private boolean awaitStop(Duration d) {
        try {
            return stopRequested.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
