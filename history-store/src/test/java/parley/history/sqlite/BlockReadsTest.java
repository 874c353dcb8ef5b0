package parley.history.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static parley.history.sqlite.Stores.awaitStored;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.core.ServerLog;
import parley.history.HistoryStore;
import parley.history.MemoryHistoryStore;
import parley.history.StoredLine;

/**
 * Pages and counts cut from blocks of every size, checked against {@link MemoryHistoryStore} given the same
 * lines: small batches (blocks of one to a few lines) and large ones, three rooms, a restart between (blocks
 * of two runs, room line numbers that go on), and a row cap that cuts blocks in the middle.
 */
class BlockReadsTest {

    private static final List<String> ROOMS = List.of("lobby", "Café ☕", "#ops");

    @TempDir
    Path dir;

    @Test
    void pagesAndCountsAreThoseOfTheLinesAppendedWhateverTheBlocks() {
        MemoryHistoryStore model = new MemoryHistoryStore(1_000_000, 10);
        Random random = new Random(11);
        appendRounds(Stores.quick(65_536, 7, Duration.ofMillis(1)), model, random);
        appendRounds(Stores.QUICK.withRetention(null, 0), model, random);
        try (SqliteHistoryStore store = open(Stores.QUICK.withRetention(null, 0))) {
            checkAgainst(model, store, random);
        }
    }

    @Test
    void aRowCapCutsBlocksExactlyAndCountsFollow() {
        int cap = 150;
        MemoryHistoryStore model = new MemoryHistoryStore(cap, 10);
        Random random = new Random(12);
        appendRounds(Stores.QUICK.withRetention(null, 0), model, random);
        try (SqliteHistoryStore store = open(Stores.QUICK.withRetention(null, cap))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> ROOMS.stream()
                    .allMatch(room -> Stores.everything(store, room).size() == Stores.everything(model, room).size()));
            checkAgainst(model, store, random);
            // Lines appended after the cut, in blocks of the same rooms: their numbers go on from the file's.
            for (int i = 0; i < 40; i++) {
                String room = ROOMS.get(i % ROOMS.size());
                StoredLine line = Stores.say(store, room, "after " + i);
                assertThat(Stores.say(model, room, "after " + i)).isEqualTo(line);
            }
            awaitStored(store, 40);
            await().atMost(Duration.ofSeconds(20)).until(() -> ROOMS.stream()
                    .allMatch(room -> Stores.everything(store, room).size() == cap));
            checkAgainst(model, store, random);
        }
    }

    /** Appends to a store of {@code options} and to the model alike, in bursts, then closes the store. */
    private void appendRounds(SqliteHistoryStore.Options options, MemoryHistoryStore model, Random random) {
        try (SqliteHistoryStore store = open(options)) {
            long before = store.status().stored();
            for (int i = 0; i < 1_200; i++) {
                // Rooms unevenly: the lobby talks most, so its blocks are the longest.
                String room = ROOMS.get(random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
                StoredLine line = Stores.say(store, room, "line " + i + " " + "w".repeat(random.nextInt(90)));
                assertThat(Stores.say(model, room, line.text())).isEqualTo(line);
            }
            awaitStored(store, before + 1_200);
        }
    }

    private SqliteHistoryStore open(SqliteHistoryStore.Options options) {
        return SqliteHistoryStore.open(dir, options, Stores.CLOCK, ServerLog.silent());
    }

    private static void checkAgainst(HistoryStore model, HistoryStore store, Random random) {
        long last = model.lastIssuedId();
        for (String room : ROOMS) {
            assertThat(Stores.everything(store, room)).as(room).isEqualTo(Stores.everything(model, room));
            for (int limit : List.of(1, 5, 37, HistoryStore.MAX_PAGE)) {
                assertThat(store.latest(room, limit)).isEqualTo(model.latest(room, limit));
            }
            List<Long> anchors = new ArrayList<>(List.of(0L, 1L, last, last + 1));
            for (int i = 0; i < 60; i++) {
                anchors.add(1 + (long) random.nextInt((int) last + 1));
            }
            for (long anchor : anchors) {
                int limit = 1 + random.nextInt(120);
                assertThat(store.before(room, anchor, limit)).as("%s before %d, %d", room, anchor, limit)
                        .isEqualTo(model.before(room, anchor, limit));
                assertThat(store.after(room, anchor, limit)).as("%s after %d, %d", room, anchor, limit)
                        .isEqualTo(model.after(room, anchor, limit));
                long to = anchor + random.nextInt((int) last + 2);
                assertThat(store.count(room, anchor, to)).as("%s count (%d, %d)", room, anchor, to)
                        .isEqualTo(model.count(room, anchor, to));
            }
        }
    }
}
