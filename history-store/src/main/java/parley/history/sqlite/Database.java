package parley.history.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import parley.history.StoredLine;

/**
 * The file's schema, the settings every connection gets, and SQLite's errors in words.
 *
 * <pre>
 *  rooms(no INTEGER PRIMARY KEY, name UNIQUE)   a room's name once; blocks carry its number
 *  blocks(last_id INTEGER PRIMARY KEY, room_no, first_id, first_time, last_time, line_count, last_no, lines BLOB)
 *         one room's lines of one writer batch (BlockCodec); last_id is the rowid: appended at the end;
 *         first_time is the first line's, last_time the latest of any line's (a clock may be set back)
 *  blocks_by_room ON blocks(room_no)  an entry is (room_no, last_id): a room's blocks in id order, a few bytes
 *  meta(key, value)                  'reserved_through': see IdReservation
 *
 *  accounts(nick_key PK, nick, memory_kib, iterations, parallelism, salt, hash, registered)   SqliteTrustStore
 *  kept_messages(id PK, nick_key, recipient, time, sender, address, text), index on nick_key
 *  bans(ban_key PK, target, until, reason, by_nick, at)        topics(room_key PK, text, by_nick, at)
 * </pre>
 */
final class Database {

    /**
     * 2 added the trust tables (accounts, kept_messages, bans, topics); 3 put a room number in lines where its
     * name was; 4 keeps lines in blocks, one row per room per writer batch. An older file is upgraded at open
     * ({@link SchemaUpgrade}).
     */
    static final int SCHEMA_VERSION = 4;

    /**
     * Blocks in last-id order, so a batch's blocks are appended at the end of the table; a room's blocks are a
     * range of the small index on room_no. A row per line cost SQLite's insert, an index entry and seven binds
     * per line: 5 to 10 µs of the writer's CPU (docs/BENCHMARKS.md, issue 11). {@code last_no} is the number of
     * the block's newest line among all the room's lines ever stored (see BlockInserts).
     */
    private static final String BLOCKS = """
            CREATE TABLE IF NOT EXISTS blocks (
                last_id    INTEGER PRIMARY KEY,
                room_no    INTEGER NOT NULL,
                first_id   INTEGER NOT NULL,
                first_time INTEGER NOT NULL,
                last_time  INTEGER NOT NULL,
                line_count INTEGER NOT NULL,
                last_no    INTEGER NOT NULL,
                lines      BLOB    NOT NULL)""";
    static final String FILE_NAME = "history.db";

    /** Opens a connection to the store's file; tests pass one that can fail on demand. */
    @FunctionalInterface
    interface Opener {
        Connection open(Path file) throws SQLException;
    }

    static final Opener SQLITE = file -> {
        SQLiteConfig config = new SQLiteConfig();
        // A reader and the writer never wait on each other in WAL mode; the timeout covers checkpoints and
        // the short moment another connection of ours holds the write lock (retention runs on the writer).
        config.setBusyTimeout(5_000);
        // Nothing here asks for generated keys; with them on, the driver runs a regex over every INSERT's SQL
        // and then a second statement (SELECT last_insert_rowid()) on the writer's every batch.
        config.setGetGeneratedKeys(false);
        return config.createConnection("jdbc:sqlite:" + file);
    };

    private Database() {
    }

    /**
     * The settings of every connection. WAL: readers see the last commit while the writer writes, and a
     * commit is one append to the -wal file. synchronous=NORMAL: a commit is not fsynced, the WAL is synced
     * at each checkpoint; a committed transaction survives the process being killed (the OS has the bytes),
     * the last transactions before a power loss or kernel crash may be rolled back. The file stays valid.
     */
    static void configure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // Only has an effect before the first table exists: a new file frees pages back to the file
            // system on request (Retention's incremental_vacuum) instead of only reusing them.
            s.execute("PRAGMA auto_vacuum = INCREMENTAL");
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
            // After a checkpoint, cut the -wal file back to this size: a burst must not leave it big forever.
            s.execute("PRAGMA journal_size_limit = " + (16 << 20));
        }
    }

    /**
     * Creates the tables on a new file, upgrades a file of an older schema, or checks that an existing one is
     * ours and not from a newer parley. One transaction: a failed upgrade leaves the file as it was.
     */
    static void createOrCheck(Connection c) throws SQLException, IncompatibleFileException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                createOrUpgrade(c, s);
                s.execute("COMMIT");
            } catch (SQLException | IncompatibleFileException | RuntimeException e) {
                rollbackQuietly(s);
                throw e;
            }
        }
    }

    private static void createOrUpgrade(Connection c, Statement s) throws SQLException, IncompatibleFileException {
        int version = intOf(s, "PRAGMA user_version");
        if (version > SCHEMA_VERSION) {
            throw new IncompatibleFileException("it was written by a newer parley (schema " + version + ")");
        }
        if (version == 0 && intOf(s, "SELECT count(*) FROM sqlite_schema") > 0) {
            throw new IncompatibleFileException("it is a SQLite database that parley did not make");
        }
        s.execute("CREATE TABLE IF NOT EXISTS rooms (no INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
        s.execute(BLOCKS);
        if (version > 0 && version < SCHEMA_VERSION) {
            SchemaUpgrade.linesToBlocks(c, s, version);
        }
        // After the upgrade's copy, not before: one sort instead of an index insert per copied block.
        s.execute("CREATE INDEX IF NOT EXISTS blocks_by_room ON blocks(room_no)");
        s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
        s.execute("""
                CREATE TABLE IF NOT EXISTS accounts (
                    nick_key    TEXT    PRIMARY KEY,
                    nick        TEXT    NOT NULL,
                    memory_kib  INTEGER NOT NULL,
                    iterations  INTEGER NOT NULL,
                    parallelism INTEGER NOT NULL,
                    salt        BLOB    NOT NULL,
                    hash        BLOB    NOT NULL,
                    registered  INTEGER NOT NULL) WITHOUT ROWID""");
        s.execute("""
                CREATE TABLE IF NOT EXISTS kept_messages (
                    id        INTEGER PRIMARY KEY,
                    nick_key  TEXT    NOT NULL,
                    recipient TEXT    NOT NULL,
                    time      INTEGER NOT NULL,
                    sender    TEXT    NOT NULL,
                    address   TEXT    NOT NULL,
                    text      TEXT    NOT NULL)""");
        s.execute("CREATE INDEX IF NOT EXISTS kept_by_nick ON kept_messages(nick_key)");
        s.execute("""
                CREATE TABLE IF NOT EXISTS bans (
                    ban_key TEXT PRIMARY KEY,
                    target  TEXT NOT NULL,
                    until   INTEGER,
                    reason  TEXT NOT NULL,
                    by_nick TEXT NOT NULL,
                    at      INTEGER NOT NULL) WITHOUT ROWID""");
        s.execute("""
                CREATE TABLE IF NOT EXISTS topics (
                    room_key TEXT PRIMARY KEY,
                    text     TEXT NOT NULL,
                    by_nick  TEXT NOT NULL,
                    at       INTEGER NOT NULL) WITHOUT ROWID""");
        s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
    }

    private static void rollbackQuietly(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // The failure that led here is the one to report; a failed rollback is undone when the connection closes.
        }
    }

    /** How a kind is kept in the file: fixed numbers, not the enum's order, so reordering it breaks nothing. */
    static int code(StoredLine.Kind kind) {
        return switch (kind) {
            case MESSAGE -> 0;
            case ACTION -> 1;
        };
    }

    static StoredLine.Kind kind(int code) {
        return code == 1 ? StoredLine.Kind.ACTION : StoredLine.Kind.MESSAGE;
    }

    static long longOf(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static int intOf(Statement s, String query) throws SQLException {
        try (ResultSet r = s.executeQuery(query)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing after a failure: the failure was already reported, and closing rolls back regardless.
        }
    }

    /** What went wrong, in words a person running the server understands. */
    static String describe(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            int primary = sqlite.getResultCode().code & 0xff;
            if (primary == SQLiteErrorCode.SQLITE_FULL.code) {
                return "the disk is full";
            } else if (primary == SQLiteErrorCode.SQLITE_READONLY.code) {
                return "the file is read-only";
            } else if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
                return "the file is corrupt";
            } else if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
                return "the file is not a SQLite database";
            } else if (primary == SQLiteErrorCode.SQLITE_IOERR.code) {
                return "the disk reported an I/O error";
            } else if (primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
                return "the file cannot be opened (a missing or unwritable directory?)";
            } else if (primary == SQLiteErrorCode.SQLITE_PERM.code || primary == SQLiteErrorCode.SQLITE_AUTH.code) {
                return "permission denied";
            } else if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
                return "the file is locked by another program";
            }
        }
        return String.valueOf(e.getMessage());
    }

    /** A file that is a database, but not one this parley can use. */
    static final class IncompatibleFileException extends Exception {
        IncompatibleFileException(String why) {
            super(why);
        }
    }
}
