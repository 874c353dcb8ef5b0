package parley.history.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static parley.history.sqlite.Stores.awaitStored;
import static parley.history.sqlite.Stores.everything;
import static parley.history.sqlite.Stores.ids;
import static parley.history.sqlite.Stores.say;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.history.HistoryStatus;
import parley.history.StoredLine;

class WriteFailureTest {

    @TempDir
    Path dir;

    /**
     * Real SQLite connections to a disk that can be filled: while {@code full}, every statement is created or
     * prepared after {@code PRAGMA max_page_count} has pinned the file at its current size, so the next page
     * SQLite needs fails with its own SQLITE_FULL, "database or disk is full", as on a full disk. (The writer
     * prepares its INSERTs once per connection; its BEGIN is created for each transaction.)
     */
    static final class FillableDisk implements Database.Opener {
        volatile boolean full;

        @Override
        public Connection open(Path file) throws SQLException {
            Connection real = Database.SQLITE.open(file);
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (full && method.getName().matches("prepareStatement|createStatement")) {
                            Database.execute(real, "PRAGMA max_page_count = 1");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @Test
    void aFullDiskDegradesTheStoreWithoutBlockingAndItRecoversWithEveryAcceptedLine() {
        FillableDisk disk = new FillableDisk();
        Stores.KeptLog log = new Stores.KeptLog();
        SqliteHistoryStore.Options options = Stores.quick(100, 1_000, Duration.ofMillis(20));
        String longText = "y".repeat(2_000);
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, options, Stores.CLOCK, log, disk)) {
            for (int i = 0; i < 10; i++) {
                say(store, "a", longText);
            }
            awaitStored(store, 10);

            disk.full = true;
            List<StoredLine> accepted = new ArrayList<>();
            accepted.add(say(store, "a", longText));
            await().atMost(Duration.ofSeconds(10)).until(() -> !store.status().storing());
            assertThat(store.status().problem()).isEqualTo("the disk is full; retrying");

            // The writer holds line 11 and retries it; the queue takes 100 more. Far more lines than that:
            // every append returns at once, and the surplus is counted.
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 10_000; i++) {
                    StoredLine line = say(store, "a", longText);
                    if (i < 100) {
                        accepted.add(line);
                    }
                }
            });
            HistoryStatus failing = store.status();
            assertThat(failing.storing()).isFalse();
            assertThat(failing.stored()).isEqualTo(10);
            assertThat(failing.waiting()).isEqualTo(101);
            assertThat(failing.notStored()).isEqualTo(10_000 - 100);
            assertThat(failing.summary()).startsWith("history is NOT being stored (the disk is full; retrying)");
            // Reads go on, and show what waits for the disk after what is in the file.
            assertThat(ids(store.after("a", 8, 5))).containsExactly(9L, 10L, 11L, 12L, 13L);

            disk.full = false;
            await().atMost(Duration.ofSeconds(10)).until(() -> store.status().storing() && store.status().waiting() == 0);
            StoredLine after = say(store, "a", "back");
            awaitStored(store, 10 + accepted.size() + 1);

            List<Long> inFile = ids(everything(store, "a"));
            assertThat(inFile).hasSize(10 + accepted.size() + 1).isSorted();
            assertThat(inFile.subList(10, 10 + accepted.size())).isEqualTo(ids(accepted));
            assertThat(inFile.get(inFile.size() - 1)).isEqualTo(after.id());
            assertThat(log.lines).anyMatch(l -> l.endsWith("history.db: the disk is full; retrying"))
                    .anyMatch(l -> l.endsWith("history.db again"))
                    .anyMatch(l -> l.equals("history: 9900 lines were not stored: more were waiting than the "
                            + "queue holds (100)"));
        }
    }

    @Test
    void closingWhileTheDiskIsFullReturnsAndCountsWhatWasLost() {
        FillableDisk disk = new FillableDisk();
        SqliteHistoryStore.Options options = Stores.quick(100, 1_000, Duration.ofMillis(20));
        SqliteHistoryStore store = SqliteHistoryStore.open(dir, options, Stores.CLOCK, new Stores.KeptLog(), disk);
        disk.full = true;
        for (int i = 0; i < 50; i++) {
            say(store, "a", "z".repeat(2_000));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !store.status().storing());

        assertTimeoutPreemptively(Duration.ofSeconds(10), store::close);
        assertThat(store.status().notStored()).isEqualTo(50);
        assertThat(store.status().waiting()).isZero();
    }
}
