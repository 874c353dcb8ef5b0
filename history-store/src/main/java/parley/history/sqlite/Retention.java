package parley.history.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Forgets what is older than the retention period and what is beyond a room's row cap, then gives free
 * pages back to the file system, in steps small enough that lines waiting to be stored never wait long.
 *
 * <pre>
 *  AGE    delete the oldest lines while their time is before now - keep, STEP lines per delete
 *  ROOMS  room by room (next room = the next number in rooms):
 *         delete the lines older than the room's newest maxPerRoom, STEP per delete
 *  VACUUM while a quarter of the file is free pages: incremental_vacuum(STEP_PAGES)
 * </pre>
 *
 * Runs on the writer thread, between batches: SQLite has one writer at a time, and a second connection
 * deleting would only make the first wait. Each {@link #step} is one statement, its own transaction.
 */
final class Retention {

    static final int STEP = 500;
    private static final int STEP_PAGES = 256;

    private enum Phase { AGE, ROOMS, VACUUM, DONE }

    private final Duration keep;
    private final int maxPerRoom;
    private Phase phase = Phase.DONE;
    private long lastRoom;

    /** {@code keep} null: keep forever; {@code maxPerRoom} 0: no cap. */
    Retention(Duration keep, int maxPerRoom) {
        this.keep = keep;
        this.maxPerRoom = maxPerRoom;
    }

    void startSweep() {
        phase = Phase.AGE;
        lastRoom = 0;
    }

    /** After a failure: the next sweep starts from the beginning. */
    void stopSweep() {
        phase = Phase.DONE;
    }

    boolean sweeping() {
        return phase != Phase.DONE;
    }

    /** Does one small piece of the sweep. Returns the number of lines deleted. */
    int step(Connection c, Instant now) throws SQLException {
        switch (phase) {
            case AGE -> {
                int deleted = keep == null ? 0 : deleteOlderThan(c, now.minus(keep).toEpochMilli());
                if (deleted < STEP) {
                    phase = Phase.ROOMS;
                }
                return deleted;
            }
            case ROOMS -> {
                return maxPerRoom == 0 ? finishRooms() : capNextRoom(c);
            }
            case VACUUM -> {
                long free = Database.longOf(c, "PRAGMA freelist_count");
                long pages = Database.longOf(c, "PRAGMA page_count");
                // Freed pages are reused by new lines; give them back only when they are a large share of the file.
                if (free >= STEP_PAGES && free * 4 >= pages) {
                    Database.execute(c, "PRAGMA incremental_vacuum(" + STEP_PAGES + ")");
                } else {
                    phase = Phase.DONE;
                }
                return 0;
            }
            default -> {
                return 0;
            }
        }
    }

    /**
     * Ids grow with time, so the old lines are the first ids: delete from the front while they are old. A
     * line stamped later than a newer one (the clock was set back) holds the ones behind it until it goes.
     */
    private static int deleteOlderThan(Connection c, long cutoffMillis) throws SQLException {
        long lastOld = 0;
        try (PreparedStatement oldest = c.prepareStatement("SELECT id, time FROM lines ORDER BY id LIMIT " + STEP);
             ResultSet r = oldest.executeQuery()) {
            while (r.next() && r.getLong(2) < cutoffMillis) {
                lastOld = r.getLong(1);
            }
        }
        if (lastOld == 0) {
            return 0;
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM lines WHERE id <= ?")) {
            delete.setLong(1, lastOld);
            return delete.executeUpdate();
        }
    }

    private int capNextRoom(Connection c) throws SQLException {
        long room;
        try (PreparedStatement next = c.prepareStatement("SELECT min(no) FROM rooms WHERE no > ?")) {
            next.setLong(1, lastRoom);
            try (ResultSet r = next.executeQuery()) {
                room = r.next() ? r.getLong(1) : 0;
            }
        }
        if (room == 0) {
            return finishRooms();
        }
        long newestToDrop;
        try (PreparedStatement boundary = c.prepareStatement(
                "SELECT id FROM lines WHERE room_no = ? ORDER BY id DESC LIMIT 1 OFFSET ?")) {
            boundary.setLong(1, room);
            boundary.setInt(2, maxPerRoom);
            try (ResultSet r = boundary.executeQuery()) {
                newestToDrop = r.next() ? r.getLong(1) : 0;
            }
        }
        if (newestToDrop == 0) {
            lastRoom = room;
            return 0;
        }
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM lines WHERE id IN (SELECT id FROM lines WHERE room_no = ? AND id <= ? ORDER BY id LIMIT ?)")) {
            delete.setLong(1, room);
            delete.setLong(2, newestToDrop);
            delete.setInt(3, STEP);
            int deleted = delete.executeUpdate();
            if (deleted < STEP) {
                lastRoom = room;
            }
            return deleted;
        }
    }

    private int finishRooms() {
        phase = Phase.VACUUM;
        return 0;
    }
}
