package parley.history.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static parley.history.sqlite.Stores.awaitStored;
import static parley.history.sqlite.Stores.ids;
import static parley.history.sqlite.Stores.say;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.core.ServerLog;
import parley.history.HistoryStatus;
import parley.history.HistoryStore;
import parley.history.HistoryStoreException;
import parley.history.StoredLine;

class SqliteHistoryStoreTest {

    @TempDir
    Path dir;

    @Test
    void aLineComesBackAsItWasAppended() {
        try (SqliteHistoryStore store = Stores.open(dir)) {
            StoredLine said = store.append("lobby", StoredLine.Kind.ACTION, Stores.NOW, "bób", "[::1]:4242",
                    "waves 👋 at \"everyone\"; DROP TABLE lines;");
            awaitStored(store, 1);

            assertThat(store.latest("lobby", 10)).containsExactly(said);
            assertThat(said.id()).isEqualTo(1);
        }
    }

    @Test
    void pagesAreCutFromTheRightEndAndComeOldestFirst() {
        try (SqliteHistoryStore store = Stores.open(dir)) {
            List<Long> lobby = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                lobby.add(say(store, "lobby", "l" + i).id());
                say(store, "other", "o" + i);
            }
            awaitStored(store, 40);

            assertThat(ids(store.latest("lobby", 5))).isEqualTo(lobby.subList(15, 20));
            assertThat(ids(store.latest("lobby", 100))).isEqualTo(lobby);
            assertThat(ids(store.before("lobby", lobby.get(10), 3))).isEqualTo(lobby.subList(7, 10));
            assertThat(ids(store.before("lobby", lobby.get(2), 5))).isEqualTo(lobby.subList(0, 2));
            assertThat(store.before("lobby", lobby.get(0), 5)).isEmpty();
            assertThat(ids(store.after("lobby", lobby.get(10), 3))).isEqualTo(lobby.subList(11, 14));
            assertThat(ids(store.after("lobby", lobby.get(17), 5))).isEqualTo(lobby.subList(18, 20));
            assertThat(store.after("lobby", lobby.get(19), 5)).isEmpty();
            assertThat(ids(store.after("lobby", 0, 2))).isEqualTo(lobby.subList(0, 2));
            // An id from another room is a fine anchor: ids are server-wide.
            assertThat(ids(store.after("lobby", lobby.get(4) + 1, 1))).containsExactly(lobby.get(5));
            assertThat(store.latest("nowhere", 5)).isEmpty();
            assertThat(store.latest("other", 100)).allSatisfy(line -> assertThat(line.room()).isEqualTo("other"));
        }
    }

    @Test
    void aPageHoldsAtMostMaxPageLines() {
        try (SqliteHistoryStore store = Stores.open(dir)) {
            for (int i = 0; i < HistoryStore.MAX_PAGE + 100; i++) {
                say(store, "big", "line " + i);
            }
            awaitStored(store, HistoryStore.MAX_PAGE + 100);

            assertThat(store.latest("big", 10_000)).hasSize(HistoryStore.MAX_PAGE)
                    .last().extracting(StoredLine::text).isEqualTo("line " + (HistoryStore.MAX_PAGE + 99));
            assertThat(store.after("big", 0, 10_000)).hasSize(HistoryStore.MAX_PAGE)
                    .first().extracting(StoredLine::text).isEqualTo("line 0");
            assertThatThrownBy(() -> store.latest("big", 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void idsGoOnAfterACloseWithNoGapAndTheLinesAreStillThere() {
        try (SqliteHistoryStore store = Stores.open(dir)) {
            say(store, "lobby", "one");
            say(store, "lobby", "two");
            say(store, "other", "three");
        }
        try (SqliteHistoryStore store = Stores.open(dir)) {
            assertThat(store.latest("lobby", 10)).extracting(StoredLine::text).containsExactly("one", "two");
            assertThat(say(store, "lobby", "four").id()).isEqualTo(4);
        }
    }

    /**
     * A file of schema 2 (a room's name in every line, an index on it), written here with that schema's own DDL,
     * not by Database: opened, it is upgraded to schema 3 and serves every line with its id, in every room.
     */
    @Test
    void aFileOfThePreviousSchemaIsUpgradedWithEveryLineAndItsId() throws SQLException {
        List<StoredLine> old = new ArrayList<>();
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            writeSchema2(c);
            PreparedStatement insert = c.prepareStatement("INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?, ?)");
            for (long id = 1; id <= 2_000; id += 2) {
                String room = id % 3 == 0 ? "lobby" : id % 3 == 1 ? "Café ☕" : "#ops";
                old.add(insertOldLine(insert, room, id, room));
            }
            Database.execute(c, "INSERT INTO meta VALUES ('reserved_through', 1999)");
        }
        try (SqliteHistoryStore store = Stores.open(dir)) {
            for (String room : List.of("lobby", "Café ☕", "#ops")) {
                assertThat(Stores.everything(store, room))
                        .containsExactlyElementsOf(old.stream().filter(line -> line.room().equals(room)).toList());
            }
            StoredLine next = say(store, "lobby", "again");
            assertThat(next.id()).isEqualTo(2_000);
            awaitStored(store, 1);
            assertThat(store.latest("lobby", 1)).containsExactly(next);
        }
        assertThat(Stores.pragma(dir, "user_version")).isEqualTo(Database.SCHEMA_VERSION);
    }

    /** A failed upgrade changes nothing: one transaction. Here schema 2's lines table lacks a column. */
    @Test
    void anUpgradeThatFailsLeavesTheFileAsItWasAndSaysWhy() throws SQLException {
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            Database.execute(c, "CREATE TABLE lines (id INTEGER PRIMARY KEY, time INTEGER NOT NULL)");
            Database.execute(c, "PRAGMA user_version = 2");
        }

        assertThatThrownBy(() -> Stores.open(dir))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageStartingWith("cannot open the history store " + dir.resolve("history.db") + ": ")
                .hasMessageContaining("no such column: room");
        assertThat(Stores.pragma(dir, "user_version")).isEqualTo(2);
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            assertThat(Database.longOf(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'rooms'")).isZero();
        }
    }

    /**
     * A file of schema 3 (a row per line, the room's number in it), written here with that schema's own DDL: opened,
     * its lines move into blocks (more than one block's worth in one room), every line comes back with its id, the
     * counts are right, and ids and the room's line numbers go on after it.
     */
    @Test
    void aFileOfSchema3IsUpgradedIntoBlocksWithEveryLineAndItsId() throws SQLException {
        List<StoredLine> old = new ArrayList<>();
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            writeSchema3(c);
            Database.execute(c, "INSERT INTO rooms(no, name) VALUES (1, '#ops'), (2, 'lobby'), (5, 'Café ☕')");
            Database.execute(c, "BEGIN");
            PreparedStatement insert = c.prepareStatement("INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?, ?)");
            for (long id = 1; id <= 5_000; id += 2) {
                long roomNo = id % 7 == 0 ? 1 : id % 7 == 1 ? 5 : 2;
                String room = roomNo == 1 ? "#ops" : roomNo == 5 ? "Café ☕" : "lobby";
                old.add(insertOldLine(insert, room, id, roomNo));
            }
            Database.execute(c, "INSERT INTO meta VALUES ('reserved_through', 4999)");
            Database.execute(c, "COMMIT");
        }
        try (SqliteHistoryStore store = Stores.open(dir)) {
            for (String room : List.of("lobby", "Café ☕", "#ops")) {
                List<StoredLine> inRoom = old.stream().filter(line -> line.room().equals(room)).toList();
                assertThat(Stores.everything(store, room)).containsExactlyElementsOf(inRoom);
                assertThat(store.count(room, 0, Long.MAX_VALUE)).isEqualTo(inRoom.size());
                assertThat(store.count(room, 1_000, 3_000))
                        .isEqualTo(inRoom.stream().filter(line -> line.id() > 1_000 && line.id() < 3_000).count());
            }
            StoredLine next = say(store, "lobby", "again");
            assertThat(next.id()).isEqualTo(5_000);
            awaitStored(store, 1);
            assertThat(store.latest("lobby", 2)).containsExactly(old.stream()
                    .filter(line -> line.room().equals("lobby")).reduce((a, b) -> b).orElseThrow(), next);
        }
        assertThat(Stores.pragma(dir, "user_version")).isEqualTo(Database.SCHEMA_VERSION);
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            long lobby = old.stream().filter(line -> line.room().equals("lobby")).count();
            // More than one upgrade block in the lobby, its lines numbered on, and the old table gone.
            assertThat(Database.longOf(c, "SELECT count(*) FROM blocks WHERE room_no = 2")).isGreaterThan(1);
            assertThat(Database.longOf(c, "SELECT max(last_no) FROM blocks WHERE room_no = 2")).isEqualTo(lobby + 1);
            assertThat(Database.longOf(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'lines'")).isZero();
        }
    }

    /** A failed upgrade from schema 3 changes nothing either: here its lines table lacks the nick. */
    @Test
    void anUpgradeFromSchema3ThatFailsLeavesTheFileAtSchema3() throws SQLException {
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            Database.execute(c, "CREATE TABLE rooms (no INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
            Database.execute(c, "CREATE TABLE lines (id INTEGER PRIMARY KEY, room_no INTEGER NOT NULL, time INTEGER)");
            Database.execute(c, "PRAGMA user_version = 3");
        }

        assertThatThrownBy(() -> Stores.open(dir))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageStartingWith("cannot open the history store " + dir.resolve("history.db") + ": ")
                .hasMessageContaining("no such column: lines.kind");
        assertThat(Stores.pragma(dir, "user_version")).isEqualTo(3);
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            assertThat(Database.longOf(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'blocks'")).isZero();
        }
    }

    /** Schema 3's DDL, as that parley created it. */
    private static void writeSchema3(Connection c) throws SQLException {
        writeSchema2(c);
        Database.execute(c, "DROP TABLE lines");
        Database.execute(c, "CREATE TABLE rooms (no INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
        Database.execute(c, "CREATE TABLE lines (id INTEGER PRIMARY KEY, room_no INTEGER NOT NULL,"
                + " time INTEGER NOT NULL, kind INTEGER NOT NULL, nick TEXT NOT NULL, address TEXT NOT NULL,"
                + " text TEXT NOT NULL)");
        Database.execute(c, "CREATE INDEX lines_by_room ON lines(room_no)");
        Database.execute(c, "CREATE TABLE kept_messages (id INTEGER PRIMARY KEY, nick_key TEXT NOT NULL,"
                + " recipient TEXT NOT NULL, time INTEGER NOT NULL, sender TEXT NOT NULL, address TEXT NOT NULL,"
                + " text TEXT NOT NULL)");
        Database.execute(c, "CREATE INDEX kept_by_nick ON kept_messages(nick_key)");
        Database.execute(c, "CREATE TABLE bans (ban_key TEXT PRIMARY KEY, target TEXT NOT NULL, until INTEGER,"
                + " reason TEXT NOT NULL, by_nick TEXT NOT NULL, at INTEGER NOT NULL) WITHOUT ROWID");
        Database.execute(c, "CREATE TABLE topics (room_key TEXT PRIMARY KEY, text TEXT NOT NULL,"
                + " by_nick TEXT NOT NULL, at INTEGER NOT NULL) WITHOUT ROWID");
        Database.execute(c, "PRAGMA user_version = 3");
    }

    /** Schema 2's DDL, as that parley created it. */
    private static void writeSchema2(Connection c) throws SQLException {
        Database.execute(c, "PRAGMA auto_vacuum = INCREMENTAL");
        Database.execute(c, "PRAGMA journal_mode = WAL");
        Database.execute(c, "CREATE TABLE lines (id INTEGER PRIMARY KEY, room TEXT NOT NULL, time INTEGER NOT NULL,"
                + " kind INTEGER NOT NULL, nick TEXT NOT NULL, address TEXT NOT NULL, text TEXT NOT NULL)");
        Database.execute(c, "CREATE INDEX lines_by_room ON lines(room)");
        Database.execute(c, "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
        Database.execute(c, "CREATE TABLE accounts (nick_key TEXT PRIMARY KEY, nick TEXT NOT NULL, memory_kib INTEGER"
                + " NOT NULL, iterations INTEGER NOT NULL, parallelism INTEGER NOT NULL, salt BLOB NOT NULL,"
                + " hash BLOB NOT NULL, registered INTEGER NOT NULL) WITHOUT ROWID");
        Database.execute(c, "PRAGMA user_version = 2");
    }

    @Test
    void withoutACleanCloseIdsSkipTheReservationRatherThanComeAgain() throws SQLException {
        long issued;
        try (SqliteHistoryStore store = Stores.open(dir)) {
            issued = say(store, "lobby", "one").id();
        }
        // What a crash leaves: the reservation made while running, not the one a clean close records.
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            IdReservation.record(c, issued + IdReservation.BLOCK);
        }
        try (SqliteHistoryStore store = Stores.open(dir)) {
            assertThat(say(store, "lobby", "two").id()).isEqualTo(issued + IdReservation.BLOCK + 1);
        }
    }

    @Test
    void groupCommitPutsManyLinesInOneTransaction() {
        SqliteHistoryStore.Options options = Stores.quick(65_536, 1_000, Duration.ofMillis(200));
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, options, Stores.CLOCK, ServerLog.silent())) {
            for (int i = 0; i < 5_000; i++) {
                say(store, "room" + (i % 7), "line " + i);
            }
            awaitStored(store, 5_000);

            HistoryStatus status = store.status();
            // 5,000 lines appended in a few milliseconds, batches of up to 1,000 or 200 ms: a handful of
            // transactions. One per line would be 5,000.
            assertThat(status.transactions()).isBetween(5L, 50L);
            assertThat(status.lastStoredId()).isEqualTo(5_000);
            assertThat(status.waiting()).isZero();
            assertThat(status.storing()).isTrue();
        }
    }

    @Test
    void statusSaysWhereAndHowMany() {
        try (SqliteHistoryStore store = Stores.open(dir)) {
            say(store, "lobby", "hello");
            awaitStored(store, 1);

            assertThat(store.status().summary())
                    .isEqualTo("history: " + dir.resolve("history.db") + ", 1 lines stored, 0 not stored, 0 waiting, "
                            + "last stored id 1");
        }
    }

    @Test
    void aClosedStoreCountsAppendsAsNotStoredAndRefusesReads() {
        SqliteHistoryStore store = Stores.open(dir);
        store.close();

        assertThat(say(store, "lobby", "too late").id()).isEqualTo(1);
        assertThat(store.status().notStored()).isEqualTo(1);
        assertThatThrownBy(() -> store.latest("lobby", 5))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessage("the history store " + dir.resolve("history.db") + " is closed");
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() {
        try (SqliteHistoryStore store = Stores.open(dir)) {
            assertThatThrownBy(() -> Stores.open(dir))
                    .isInstanceOf(HistoryStoreException.class)
                    .hasMessage("cannot open the history store " + dir.resolve("history.db")
                            + ": another parley server is using it");
        }
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a directory");

        assertThatThrownBy(() -> Stores.open(file))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessage("cannot open the history store " + file.resolve("history.db") + ": " + file
                        + " is not a directory");
    }

    @Test
    void aFileThatIsNotADatabaseIsAClearErrorAndIsLeftAsItWas() throws Exception {
        byte[] garbage = "this is not what parley wrote\n".repeat(200).getBytes();
        Files.write(dir.resolve("history.db"), garbage);

        assertThatThrownBy(() -> Stores.open(dir))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageEndingWith("history.db: the file is not a SQLite database");
        assertThat(Files.readAllBytes(dir.resolve("history.db"))).isEqualTo(garbage);
    }

    @Test
    void aDatabaseParleyDidNotMakeIsRefused() throws Exception {
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            Database.execute(c, "CREATE TABLE accounts(name TEXT)");
        }

        assertThatThrownBy(() -> Stores.open(dir))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageEndingWith("history.db: it is a SQLite database that parley did not make");
    }

    @Test
    void aFileFromANewerParleyIsRefused() throws Exception {
        Stores.open(dir).close();
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            Database.execute(c, "PRAGMA user_version = 99");
        }

        assertThatThrownBy(() -> Stores.open(dir))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageEndingWith("history.db: it was written by a newer parley (schema 99)");
    }

    @Test
    void aReadOnlyDirectoryIsAClearError() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root writes anywhere: there the directory is not read-only and there is nothing to test.
        assumeFalse(Files.isWritable(readOnly), "running as root: permissions are not enforced");

        assertThatThrownBy(() -> Stores.open(readOnly))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageStartingWith("cannot open the history store " + readOnly.resolve("history.db") + ": ");
    }

    @Test
    void theFileIsWalWithIncrementalVacuum() throws Exception {
        Stores.open(dir).close();

        assertThat(Stores.pragma(dir, "auto_vacuum")).isEqualTo(2);
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME));
             var s = c.createStatement(); var r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void idsAreUniqueAndIncreasingUnderConcurrentAppends() throws Exception {
        try (SqliteHistoryStore store = Stores.open(dir)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String room = "room" + t;
                Thread appender = new Thread(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        say(store, room, "x");
                    }
                });
                appender.start();
                threads.add(appender);
            }
            for (Thread t : threads) {
                t.join();
            }
            awaitStored(store, 4_000);

            List<Long> all = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<Long> room = ids(Stores.everything(store, "room" + t));
                assertThat(room).hasSize(1_000).isSorted();
                all.addAll(room);
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 4_000).boxed().toList());
        }
    }

    /**
     * Inserts line {@code id} of {@code room} into an older schema's {@code lines} table, whose room column holds
     * the room's name (schemas 1 and 2) or its number (schema 3), and returns it as the store must give it back.
     */
    private static StoredLine insertOldLine(PreparedStatement insert, String room, long id, Object roomColumn)
            throws SQLException {
        StoredLine line = new StoredLine(room, id, Stores.NOW.plusMillis(id),
                id % 5 == 0 ? StoredLine.Kind.ACTION : StoredLine.Kind.MESSAGE, "nick" + id % 7,
                "10.0.0." + id % 9 + ":5000", "line " + id + " 'quoted'");
        insert.setLong(1, id);
        insert.setObject(2, roomColumn);
        insert.setLong(3, line.time().toEpochMilli());
        insert.setInt(4, line.kind() == StoredLine.Kind.ACTION ? 1 : 0);
        insert.setString(5, line.nick());
        insert.setString(6, line.address());
        insert.setString(7, line.text());
        insert.executeUpdate();
        return line;
    }
}
