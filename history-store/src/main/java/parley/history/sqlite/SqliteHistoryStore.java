package parley.history.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import parley.core.ServerLog;
import parley.history.HistoryPages;
import parley.history.HistoryStatus;
import parley.history.HistoryStore;
import parley.history.HistoryStoreException;
import parley.history.StoredLine;

/**
 * Room history in a SQLite file, {@code DIR/history.db}, written by one thread.
 *
 * <pre>
 *  append (core's lock held)                 writer thread (Writer)                 history.db (+ -wal)
 *  id = ++last; pending.offer(line) -------> take up to maxBatch lines, or what ----> one transaction
 *  full? count it, never wait                arrived within maxDelay                 per batch
 *
 *  latest / before / after (any thread) ---> lines not yet stored (pending)   +  LineReader (own connection)
 * </pre>
 *
 * <p><b>What survives a kill -9:</b> every line whose transaction committed, which is every line appended
 * more than {@code maxDelay} plus one transaction before the kill while the disk kept up ({@link
 * HistoryStatus#lastStoredId()} names the last). Lines still in the queue are lost; their ids are not reused
 * ({@link IdReservation}). A power loss may also take the transactions since the last WAL checkpoint
 * (synchronous=NORMAL, see {@link Database#configure}).
 *
 * <p><b>Reads see every appended line:</b> a line sits in {@link PendingLines} from append until its
 * transaction has committed. A read takes the matching pending lines first, then queries the file: a line that
 * left them in between was committed before the query began, so the query sees it.
 *
 * <p><b>When the disk fails</b> (full, read-only, corrupt, I/O errors) appends go on being accepted until the
 * queue is full and then counted as not stored; {@link #status()} says why; the writer retries with backoff and
 * carries on where it stopped when the disk recovers. Times are kept to the millisecond.
 */
public final class SqliteHistoryStore implements HistoryStore {

    /**
     * How the store behaves.
     *
     * @param keep            how long lines are kept; null keeps them until the line cap removes them
     * @param maxLinesPerRoom the newest lines kept per room; 0 for no cap
     * @param queueCapacity   lines that may wait for the writer before appends are refused
     * @param maxBatch        the most lines in one transaction
     * @param maxDelay        how long the writer waits for more lines after the first of a batch
     * @param retentionEvery  how often a retention sweep starts
     * @param maxBackoff      the longest wait between retries of a failing write
     * @param closeTimeout    how long {@link #close()} waits for waiting lines to be stored
     */
    public record Options(Duration keep, int maxLinesPerRoom, int queueCapacity, int maxBatch, Duration maxDelay,
                          Duration retentionEvery, Duration maxBackoff, Duration closeTimeout) {

        public Options {
            if (keep != null && (keep.isNegative() || keep.isZero())) {
                throw new IllegalArgumentException("history must be kept for a positive time, got " + keep);
            }
            if (maxLinesPerRoom < 0 || queueCapacity < 1 || maxBatch < 1) {
                throw new IllegalArgumentException("maxLinesPerRoom >= 0, queueCapacity >= 1, maxBatch >= 1");
            }
        }

        /** 90 days, 100,000 lines per room, 64 Ki lines waiting, 1,000 lines or 100 ms per transaction. */
        public static Options defaults() {
            return new Options(Duration.ofDays(90), 100_000, 65_536, 1_000, Duration.ofMillis(100),
                    Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(5));
        }

        public Options withRetention(Duration keep, int maxLinesPerRoom) {
            return new Options(keep, maxLinesPerRoom, queueCapacity, maxBatch, maxDelay, retentionEvery, maxBackoff,
                    closeTimeout);
        }
    }

    private final Path file;
    private final ServerLog log;
    private final Duration closeTimeout;
    private final FileChannel lockFile;
    private final PendingLines pending;
    private final Tally tally = new Tally();
    private final LineReader reader;
    private final Thread writerThread;

    /** Guards id assignment and queueing together, so the pending lines are in id order. */
    private final Object appendLock = new Object();
    private long lastId;
    private volatile long lastIssued;
    private boolean closed;

    private SqliteHistoryStore(Path file, FileChannel lockFile, Connection writerConnection, long lastId,
                               Options options, Clock clock, ServerLog log, Database.Opener opener) {
        this.file = file;
        this.log = log;
        this.closeTimeout = options.closeTimeout();
        this.lockFile = lockFile;
        this.pending = new PendingLines(options.queueCapacity());
        this.lastId = lastId;
        this.lastIssued = lastId;
        this.reader = new LineReader(file, opener);
        Writer writer = new Writer(file, opener, writerConnection, lastId + IdReservation.BLOCK, pending, tally,
                () -> lastIssued, options, clock, log);
        this.writerThread = new Thread(writer, "history-writer");
        // close() is what stores the last lines; a daemon thread never keeps a JVM alive that forgot to call it.
        writerThread.setDaemon(true);
        writerThread.start();
    }

    /**
     * Opens (creating if needed) the store in {@code dir}.
     *
     * @throws HistoryStoreException with one sentence saying why, if the directory or file cannot be used:
     *                               never silently replaced by something else
     */
    public static SqliteHistoryStore open(Path dir, Options options, Clock clock, ServerLog log) {
        return open(dir, options, clock, log, Database.SQLITE);
    }

    static SqliteHistoryStore open(Path dir, Options options, Clock clock, ServerLog log, Database.Opener opener) {
        Path file = dir.resolve(Database.FILE_NAME);
        String cannot = "cannot open the history store " + file + ": ";
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new HistoryStoreException(cannot + dir + " is not a directory", e);
        } catch (IOException e) {
            throw new HistoryStoreException(cannot + "the directory cannot be created (" + e + ")", e);
        }
        FileChannel lockFile = lock(dir, cannot);
        Connection c = null;
        try {
            c = opener.open(file);
            Database.configure(c);
            Database.createOrCheck(c);
            long last = IdReservation.lastPossiblyIssued(c);
            IdReservation.recordDurably(c, last + IdReservation.BLOCK);
            return new SqliteHistoryStore(file, lockFile, c, last, options, clock, log, opener);
        } catch (SQLException e) {
            Database.closeQuietly(c);
            closeQuietly(lockFile);
            throw new HistoryStoreException(cannot + Database.describe(e), e);
        } catch (Database.IncompatibleFileException e) {
            Database.closeQuietly(c);
            closeQuietly(lockFile);
            throw new HistoryStoreException(cannot + e.getMessage(), e);
        }
    }

    /** Two servers on one file would hand out the same ids: the second one is refused at start. */
    private static FileChannel lock(Path dir, String cannot) {
        Path lockPath = dir.resolve("history.lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new HistoryStoreException(cannot + "cannot create " + lockPath + " (" + e + ")", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HistoryStoreException(cannot + "cannot lock " + lockPath + " (" + e + ")", e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new HistoryStoreException(cannot + "another parley server is using it");
        }
        return channel;
    }

    @Override
    public StoredLine append(String room, StoredLine.Kind kind, Instant time, String nick, String address,
                             String text) {
        synchronized (appendLock) {
            StoredLine line = new StoredLine(room, ++lastId, time, kind, nick, address, text);
            lastIssued = lastId;
            if (!pending.offer(line)) {
                tally.dropped.incrementAndGet();
                tally.droppedSinceCommit.incrementAndGet();
                return line;
            }
            tally.queued.incrementAndGet();
            return line;
        }
    }

    @Override
    public List<StoredLine> latest(String room, int limit) {
        int n = HistoryStore.pageSize(limit);
        NavigableMap<Long, StoredLine> lines = pending.inRoom(room);
        reader.read(LineReader.Page.LATEST, room, 0, n, lines);
        return HistoryPages.latest(lines, n);
    }

    @Override
    public List<StoredLine> before(String room, long beforeId, int limit) {
        int n = HistoryStore.pageSize(limit);
        NavigableMap<Long, StoredLine> lines = pending.inRoom(room);
        reader.read(LineReader.Page.BEFORE, room, beforeId, n, lines);
        return HistoryPages.before(lines, beforeId, n);
    }

    @Override
    public List<StoredLine> after(String room, long afterId, int limit) {
        int n = HistoryStore.pageSize(limit);
        NavigableMap<Long, StoredLine> lines = pending.inRoom(room);
        reader.read(LineReader.Page.AFTER, room, afterId, n, lines);
        return HistoryPages.after(lines, afterId, n);
    }

    @Override
    public long lastIssuedId() {
        return lastIssued;
    }

    @Override
    public long count(String room, long afterId, long beforeId) {
        if (afterId >= beforeId) {
            return 0;
        }
        // As for the pages, the pending lines first (see the class comment). Batches are committed in id order, so
        // those of them the file holds by the time it is queried are the ones up to the last id it holds.
        NavigableMap<Long, StoredLine> waiting = pending.inRoom(room).subMap(afterId, false, beforeId, false);
        LineReader.Count inFile = reader.count(room, afterId, beforeId);
        return inFile.lines() + waiting.values().stream().filter(line -> line.id() > inFile.lastStoredId()).count();
    }

    @Override
    public HistoryStatus status() {
        return new HistoryStatus(file.toString(), tally.problem(), tally.stored.get(),
                tally.dropped.get() + tally.lost.get(), (int) tally.waiting(), tally.transactions.get(),
                tally.lastStoredId);
    }

    /** Stores what is waiting (at most {@code closeTimeout}), records the last id, and releases the file. */
    @Override
    public void close() {
        synchronized (appendLock) {
            if (closed) {
                return;
            }
            closed = true;
            // Inside the lock: no append is accepted after close has begun.
            pending.close();
        }
        try {
            writerThread.join(closeTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writerThread.isAlive()) {
            log.info("history: " + tally.waiting() + " lines were still waiting for the disk at close; "
                    + "they are not stored");
        }
        reader.close();
        closeQuietly(lockFile);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Releasing a lock at close: nothing useful to do if it fails; the OS releases it at exit anyway.
        }
    }

}
