package parley.history.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import parley.core.ServerLog;
import parley.history.StoredLine;

/**
 * The one thread that writes the file.
 *
 * <pre>
 *  +--> 1. collect  wait for a line (or the next retention step); then sleep maxDelay while more arrive
 *  |                (skipped when the last batch was full: under load the lines are already there) and take
 *  |                up to maxBatch: one transaction for all of them (group commit)
 *  |    2. store    BEGIN IMMEDIATE; INSERT them, one block per room (BlockInserts); maybe move the id
 *  |                reservation; COMMIT.
 *  |                On failure: say why (status and log), drop the connection, wait (backoff doubling up
 *  |                to maxBackoff), open a new connection and try the same batch again. Lines keep
 *  |                arriving meanwhile; when the queue is full the store refuses them (counted).
 *  |    3. retain   when a sweep is due: one small Retention step (at most 100 blocks)
 *  +-------------   until the store is closed and nothing waits; then record the id reservation and close.
 * </pre>
 */
final class Writer implements Runnable {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

    private final Path file;
    private final Database.Opener opener;
    private final PendingLines pending;
    private final Tally tally;
    private final LongSupplier lastIssued;
    private final SqliteHistoryStore.Options options;
    private final Clock clock;
    private final ServerLog log;
    private final Retention retention;

    private Connection connection;
    /** Prepared on {@link #connection}; null until the first batch on it. */
    private BlockInserts inserts;
    private long reservedThrough;
    private long nextSweepNanos = System.nanoTime();

    Writer(Path file, Database.Opener opener, Connection connection, long reservedThrough,
           PendingLines pending, Tally tally, LongSupplier lastIssued, SqliteHistoryStore.Options options,
           Clock clock, ServerLog log) {
        this.file = file;
        this.opener = opener;
        this.connection = connection;
        this.reservedThrough = reservedThrough;
        this.pending = pending;
        this.tally = tally;
        this.lastIssued = lastIssued;
        this.options = options;
        this.clock = clock;
        this.log = log;
        this.retention = new Retention(options.keep(), options.maxLinesPerRoom());
    }

    @Override
    public void run() {
        List<StoredLine> batch = new ArrayList<>(options.maxBatch());
        boolean lastWasFull = false;
        while (true) {
            try {
                collect(batch, lastWasFull);
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; if someone does, finish as at close rather than lose lines.
                pending.close();
                continue;
            }
            if (!batch.isEmpty()) {
                lastWasFull = batch.size() == options.maxBatch();
                store(batch);
                batch.clear();
            } else if (pending.closedAndEmpty()) {
                break;
            }
            if (!pending.closed()) {
                // One small step per batch, not only when idle: under steady load lines always wait, and
                // retention must still keep up.
                retain();
            }
        }
        finish();
    }

    /** Fills {@code batch} with what waits, after letting a batch's window of lines arrive. */
    private void collect(List<StoredLine> batch, boolean lastWasFull) throws InterruptedException {
        long wait = retention.sweeping() ? 0 : Math.max(0, nextSweepNanos - System.nanoTime());
        if (!pending.awaitLines(wait)) {
            return;
        }
        if (!lastWasFull) {
            // Sleep through the window rather than wake for each line: appenders never signal a writer that
            // is not idle, so a busy core pays no wake-up per line. Close ends the window at once.
            pending.awaitClose(options.maxDelay().toNanos());
        }
        pending.take(batch, options.maxBatch());
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
                pending.committed(batch.size());
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
            inserts().insert(batch);
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
        pending.committed(batch.size());
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

    private BlockInserts inserts() throws SQLException {
        if (inserts == null) {
            inserts = new BlockInserts(connection());
        }
        return inserts;
    }

    /** After a failure the connection may be in any state; closing it rolls back what it had begun. */
    private void dropConnection() {
        if (inserts != null) {
            inserts.close();
            inserts = null;
        }
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
            pending.awaitClose(d.toNanos());
            return pending.closed();
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
