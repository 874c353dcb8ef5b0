package parley.history.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static parley.history.sqlite.Stores.awaitStored;
import static parley.history.sqlite.Stores.everything;
import static parley.history.sqlite.Stores.ids;
import static parley.history.sqlite.Stores.say;
import static parley.history.sqlite.Stores.sayAt;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.core.ServerLog;
import parley.history.StoredLine;

class RetentionTest {

    @TempDir
    Path dir;

    private SqliteHistoryStore open(Duration keep, int maxPerRoom) {
        return SqliteHistoryStore.open(dir, Stores.QUICK.withRetention(keep, maxPerRoom), Stores.CLOCK,
                ServerLog.silent());
    }

    @Test
    void linesOlderThanTheRetentionPeriodGoInSmallSteps() {
        Instant tenDaysAgo = Stores.NOW.minus(Duration.ofDays(10));
        Instant sixDaysAgo = Stores.NOW.minus(Duration.ofDays(6));
        try (SqliteHistoryStore store = open(Duration.ofDays(7), 0)) {
            // More than one step's worth of old lines, in two rooms.
            for (int i = 0; i < Retention.STEP * 2 + 17; i++) {
                sayAt(store, i % 2 == 0 ? "a" : "b", tenDaysAgo.plusSeconds(i), "old " + i);
            }
            List<StoredLine> kept = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                kept.add(sayAt(store, i % 2 == 0 ? "a" : "b", sixDaysAgo.plusSeconds(i), "recent " + i));
            }

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> everything(store, "a").size() + everything(store, "b").size() == kept.size());
            List<StoredLine> left = new ArrayList<>(everything(store, "a"));
            left.addAll(everything(store, "b"));
            assertThat(left).containsExactlyInAnyOrderElementsOf(kept);
        }
    }

    /** One batch, so one block, of old lines then recent ones: the block is rewritten with the recent ones only. */
    @Test
    void aBlockThatStraddlesTheRetentionPeriodLosesOnlyItsOldLines() throws Exception {
        Instant tenDaysAgo = Stores.NOW.minus(Duration.ofDays(10));
        Instant sixDaysAgo = Stores.NOW.minus(Duration.ofDays(6));
        SqliteHistoryStore.Options oneBatch = Stores.quick(65_536, 1_000, Duration.ofSeconds(2))
                .withRetention(Duration.ofDays(7), 0);
        List<StoredLine> kept = new ArrayList<>();
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, oneBatch, Stores.CLOCK, ServerLog.silent())) {
            for (int i = 0; i < 40; i++) {
                sayAt(store, "a", tenDaysAgo.plusSeconds(i), "old " + i);
            }
            for (int i = 0; i < 25; i++) {
                kept.add(sayAt(store, "a", sixDaysAgo.plusSeconds(i), "recent " + i));
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> everything(store, "a").size() == kept.size());
            assertThat(everything(store, "a")).containsExactlyElementsOf(kept);
            assertThat(store.count("a", 0, Long.MAX_VALUE)).isEqualTo(kept.size());
        }
        try (var c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            // One block, rewritten: still the batch's last id, now with the recent lines only.
            assertThat(Database.longOf(c, "SELECT count(*) FROM blocks")).isEqualTo(1);
            assertThat(Database.longOf(c, "SELECT line_count FROM blocks")).isEqualTo(kept.size());
            assertThat(Database.longOf(c, "SELECT first_id FROM blocks")).isEqualTo(kept.get(0).id());
        }
    }

    /**
     * A clock set back stamps the block's last line older than the line before it: the young line in the middle
     * keeps the block, and holds the old line behind it, as it would line by line.
     */
    @Test
    void aYoungLineInABlockKeepsTheBlockWhenTheClockWasSetBack() {
        Instant tenDaysAgo = Stores.NOW.minus(Duration.ofDays(10));
        Instant sixDaysAgo = Stores.NOW.minus(Duration.ofDays(6));
        SqliteHistoryStore.Options oneBatch = Stores.quick(65_536, 1_000, Duration.ofSeconds(2))
                .withRetention(Duration.ofDays(7), 0);
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, oneBatch, Stores.CLOCK, ServerLog.silent())) {
            sayAt(store, "a", tenDaysAgo, "old");
            StoredLine young = sayAt(store, "a", sixDaysAgo, "young");
            StoredLine setBack = sayAt(store, "a", tenDaysAgo.plusSeconds(1), "stamped old after the clock went back");

            await().atMost(Duration.ofSeconds(20)).until(() -> everything(store, "a").size() == 2);
            assertThat(everything(store, "a")).containsExactly(young, setBack);
        }
    }

    @Test
    void eachRoomKeepsItsNewestLinesUpToTheCap() {
        try (SqliteHistoryStore store = open(null, 100)) {
            List<Long> big = new ArrayList<>();
            List<Long> small = new ArrayList<>();
            for (int i = 0; i < 1_234; i++) {
                big.add(say(store, "big", "b" + i).id());
                if (i % 25 == 0) {
                    small.add(say(store, "small", "s" + i).id());
                }
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> everything(store, "big").size() == 100);
            assertThat(ids(everything(store, "big"))).isEqualTo(big.subList(big.size() - 100, big.size()));
            assertThat(ids(everything(store, "small"))).isEqualTo(small);
        }
    }

    @Test
    void spaceFreedByRetentionIsGivenBackToTheFileSystem() throws Exception {
        String kilobyte = "x".repeat(1_000);
        try (SqliteHistoryStore store = open(null, 0)) {
            for (int i = 0; i < 5_000; i++) {
                say(store, "a", kilobyte);
            }
            awaitStored(store, 5_000);
        }
        long full = Stores.pragma(dir, "page_count");

        try (SqliteHistoryStore store = open(null, 10)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Stores.pragma(dir, "page_count") < full / 4);
            assertThat(everything(store, "a")).hasSize(10);
        }
    }
}
