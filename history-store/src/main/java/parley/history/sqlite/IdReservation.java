package parley.history.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The rule that keeps ids from ever being used twice, across restarts and crashes.
 *
 * <p>An id is assigned when a line is appended, before it is written: the core sends it to the room at
 * once, so clients know ids the file may never hold (a line still queued at a crash). Starting again from
 * {@code max(id)} would give those ids to new lines, and a client asking "what came after 105?" would skip
 * them. So the file records {@code reserved_through}, an id the server may issue up to without asking:
 *
 * <ul>
 *   <li>at open: {@code last = max(max(id), reserved_through)}; ids go on from {@code last + 1}, and
 *       {@code reserved_through = last + BLOCK} is committed with an fsync before the first append;</li>
 *   <li>while running: when fewer than {@code BLOCK / 2} reserved ids remain, the writer's next transaction
 *       also moves {@code reserved_through} to {@code last issued + BLOCK}, and that one commit is fsynced
 *       (synchronous=FULL), so the reservation survives a power loss too, not only a killed process;</li>
 *   <li>at a clean close: {@code reserved_through = last issued}, so a restart leaves no gap.</li>
 * </ul>
 *
 * A crash therefore leaves a gap of up to {@code BLOCK} ids and never a reuse, unless the store was failing
 * for so long that more than {@code BLOCK / 2} ids were issued with no commit: then ids past the last
 * reservation can come again after a crash. Ids are 64-bit; a gap per crash costs nothing.
 */
final class IdReservation {

    static final long BLOCK = 100_000;

    private IdReservation() {
    }

    /** The highest id that may have been issued before this open. */
    static long lastPossiblyIssued(Connection c) throws SQLException {
        long maxId = Database.longOf(c, "SELECT coalesce(max(last_id), 0) FROM blocks");
        long reserved = Database.longOf(c, "SELECT coalesce(max(value), 0) FROM meta WHERE key = 'reserved_through'");
        return Math.max(maxId, reserved);
    }

    /** Whether the next transaction must move the reservation on. */
    static boolean due(long lastIssued, long reservedThrough) {
        return reservedThrough - lastIssued < BLOCK / 2;
    }

    /** Records {@code through} in the caller's transaction (or as its own, in autocommit). */
    static void record(Connection c, long through) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO meta(key, value) VALUES ('reserved_through', ?) "
                        + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            s.setLong(1, through);
            s.executeUpdate();
        }
    }

    /** Records {@code through} as its own transaction, synced to the disk before it returns. */
    static void recordDurably(Connection c, long through) throws SQLException {
        Database.execute(c, "PRAGMA synchronous = FULL");
        try {
            record(c, through);
        } finally {
            Database.execute(c, "PRAGMA synchronous = NORMAL");
        }
    }
}
