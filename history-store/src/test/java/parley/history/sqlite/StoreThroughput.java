package parley.history.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.locks.LockSupport;
import parley.core.ServerLog;
import parley.history.HistoryStatus;
import parley.history.StoredLine;

/**
 * Measures the store, not a test: lines stored per second with group commit, and the file's size per
 * million lines. Appends as fast as the queue takes them (never past it), like a busy core would.
 *
 * <pre>
 *  ./mvnw -q -pl history-store -am test-compile
 *  java -cp history-store/target/classes:history-store/target/test-classes:shared/target/classes:\
 *       ~/.m2/repository/org/xerial/sqlite-jdbc/3.54.1.0/sqlite-jdbc-3.54.1.0.jar \
 *       parley.history.sqlite.StoreThroughput [lines] [dir]
 * </pre>
 */
public final class StoreThroughput {

    private StoreThroughput() {
    }

    public static void main(String[] args) throws IOException {
        long lines = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("parley-throughput");
        SqliteHistoryStore.Options options = SqliteHistoryStore.Options.defaults().withRetention(null, 0);
        Clock clock = Clock.systemUTC();
        // A chat line of typical length: 60 characters, in one of 100 rooms.
        String text = "a typical line of chat, about sixty characters long, or so.";
        long start = System.nanoTime();
        HistoryStatus status;
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, options, clock, ServerLog.silent())) {
            for (long i = 0; i < lines; i++) {
                while (store.status().waiting() >= options.queueCapacity() - 1) {
                    LockSupport.parkNanos(50_000);
                }
                store.append("room" + (i % 100), StoredLine.Kind.MESSAGE, clock.instant(), "nick" + (i % 1000),
                        "127.0.0.1:" + (40_000 + i % 1000), text);
            }
            while ((status = store.status()).waiting() > 0) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = Files.size(dir.resolve(Database.FILE_NAME));
        System.out.printf("%,d lines stored in %.2f s: %,.0f lines/s, %,d transactions (%.0f lines each), "
                        + "%,d not stored%n", status.stored(), seconds, status.stored() / seconds,
                status.transactions(), (double) status.stored() / status.transactions(), status.notStored());
        System.out.printf("file %s: %,d bytes, %.1f MB per million lines%n", dir.resolve(Database.FILE_NAME),
                bytes, bytes / 1e6 / (lines / 1e6));
    }
}
