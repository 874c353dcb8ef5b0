package parley.history.sqlite;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import parley.core.ServerLog;
import parley.history.HistoryStore;
import parley.history.StoredLine;

/** What the store tests share: a fixed clock, quick options, a log that keeps its lines, and waiting for commits. */
final class Stores {

    static final Instant NOW = Instant.parse("2030-01-02T03:04:05.678Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Tests must not wait minutes for a sweep or a retry. */
    static final SqliteHistoryStore.Options QUICK = quick(65_536, 1_000, Duration.ofMillis(20));

    /** The defaults with sweeps every 20 ms and retries every 50 ms at most, and the given queue and batches. */
    static SqliteHistoryStore.Options quick(int queueCapacity, int maxBatch, Duration maxDelay) {
        SqliteHistoryStore.Options defaults = SqliteHistoryStore.Options.defaults();
        return new SqliteHistoryStore.Options(defaults.keep(), defaults.maxLinesPerRoom(), queueCapacity, maxBatch,
                maxDelay, Duration.ofMillis(20), Duration.ofMillis(50), defaults.closeTimeout());
    }

    /** A log that keeps what it was told. */
    static final class KeptLog implements ServerLog {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String message) {
            lines.add(message);
        }
    }

    private Stores() {
    }

    static SqliteHistoryStore open(Path dir) {
        return SqliteHistoryStore.open(dir, QUICK, CLOCK, ServerLog.silent());
    }

    static StoredLine say(HistoryStore store, String room, String text) {
        return store.append(room, StoredLine.Kind.MESSAGE, NOW, "alice", "127.0.0.1", text);
    }

    static StoredLine sayAt(HistoryStore store, String room, Instant time, String text) {
        return store.append(room, StoredLine.Kind.MESSAGE, time, "alice", "127.0.0.1", text);
    }

    static void awaitStored(HistoryStore store, long lines) {
        await().atMost(Duration.ofSeconds(20)).until(() -> store.status().stored() >= lines);
    }

    /** Every line of a room, paging forward with after(): what a client catching up would do. */
    static List<StoredLine> everything(HistoryStore store, String room) {
        List<StoredLine> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<StoredLine> page = store.after(room, after, HistoryStore.MAX_PAGE);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).id();
        }
    }

    /** A pragma's value read on a connection of the test's own, beside the store's. */
    static long pragma(Path dir, String name) throws SQLException {
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            return Database.longOf(c, "PRAGMA " + name);
        }
    }

    static List<Long> ids(List<StoredLine> lines) {
        return lines.stream().map(StoredLine::id).toList();
    }
}
