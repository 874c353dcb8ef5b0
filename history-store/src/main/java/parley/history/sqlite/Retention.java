package parley.history.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import parley.history.StoredLine;

/**
 * Forgets what is older than the retention period and what is beyond a room's line cap, then gives free
 * pages back to the file system, in steps small enough that lines waiting to be stored never wait long.
 *
 * <pre>
 *  AGE    the oldest STEP blocks (by last id): a block whose lines are all old is deleted, one that starts
 *         with old lines is rewritten without them; again while every block of the step was old
 *  ROOMS  room by room (next room = the next number in rooms): the room's newest line is its last_no-th,
 *         so its lines numbered up to last_no - maxPerRoom go: whole blocks deleted, STEP per step, and the
 *         block that holds the boundary rewritten without its older lines
 *  VACUUM while a quarter of the file is free pages: incremental_vacuum(STEP_PAGES)
 * </pre>
 *
 * Both rules are exact to the line: a block is cut where the rule says, never kept whole past it. Runs on the
 * writer thread, between batches: SQLite has one writer at a time, and a second connection deleting would
 * only make the first wait. Each {@link #step} is its own transaction.
 */
final class Retention {

    /** Blocks per step: up to 1,000 lines each. */
    static final int STEP = 100;
    private static final int STEP_PAGES = 256;

    private static final String BLOCK_ROWS = "SELECT last_id, first_time, last_time, line_count, last_no FROM blocks ";
    /** The rowid's order: the first rows of the table, whatever the rooms. */
    static final String OLDEST_BLOCKS = BLOCK_ROWS + "ORDER BY last_id LIMIT " + STEP;
    static final String NEWEST_OF_ROOM = BLOCK_ROWS + "WHERE room_no = ? ORDER BY last_id DESC LIMIT 1";
    static final String OLDEST_OF_ROOM = BLOCK_ROWS + "WHERE room_no = ? ORDER BY last_id LIMIT " + STEP;

    private enum Phase { AGE, ROOMS, VACUUM, DONE }

    /** A block's place and what its row says, without its lines. */
    private record Block(long lastId, long firstTime, long lastTime, int lineCount, long lastNo) {
    }

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

    /** Does one small piece of the sweep, as one transaction. Returns the number of lines deleted. */
    int step(Connection c, Instant now) throws SQLException {
        // On a failure the writer drops this connection, which rolls back what was begun.
        Database.execute(c, "BEGIN IMMEDIATE");
        int deleted = stepInTransaction(c, now);
        Database.execute(c, "COMMIT");
        return deleted;
    }

    private int stepInTransaction(Connection c, Instant now) throws SQLException {
        switch (phase) {
            case AGE -> {
                return keep == null ? finishAge() : forgetOlderThan(c, now.minus(keep).toEpochMilli());
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
     * Ids grow with time, so the old lines are in the first blocks: forget from the front while they are old. A
     * line stamped later than a newer one (the clock was set back) holds the ones behind it until it goes.
     */
    private int forgetOlderThan(Connection c, long cutoffMillis) throws SQLException {
        List<Block> oldest = blocks(c, OLDEST_BLOCKS, 0);
        int deleted = 0;
        boolean allOld = oldest.size() == STEP;
        for (Block block : oldest) {
            if (block.lastTime() < cutoffMillis) {
                delete(c, block.lastId());
                deleted += block.lineCount();
            } else if (block.firstTime() < cutoffMillis) {
                deleted += trim(c, block, lines -> {
                    int old = 0;
                    while (old < lines.size() && lines.get(old).time().toEpochMilli() < cutoffMillis) {
                        old++;
                    }
                    return old;
                });
                allOld = false;
            } else {
                allOld = false;
            }
        }
        if (!allOld) {
            finishAge();
        }
        return deleted;
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
        List<Block> newest = blocks(c, NEWEST_OF_ROOM, room);
        long forgetThrough = newest.isEmpty() ? 0 : newest.get(0).lastNo() - maxPerRoom;
        if (forgetThrough <= 0) {
            lastRoom = room;
            return 0;
        }
        List<Block> oldest = blocks(c, OLDEST_OF_ROOM, room);
        int deleted = 0;
        for (Block block : oldest) {
            if (block.lastNo() <= forgetThrough) {
                delete(c, block.lastId());
                deleted += block.lineCount();
                continue;
            }
            long firstNo = block.lastNo() - block.lineCount() + 1;
            if (firstNo <= forgetThrough) {
                deleted += trim(c, block, lines -> (int) (forgetThrough - firstNo + 1));
            }
            // This block holds the newest lines to keep: the room is done.
            lastRoom = room;
            return deleted;
        }
        if (oldest.size() < STEP) {
            lastRoom = room;
        }
        return deleted;
    }

    private static List<Block> blocks(Connection c, String query, long room) throws SQLException {
        List<Block> blocks = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(query)) {
            if (room != 0) {
                s.setLong(1, room);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    blocks.add(new Block(r.getLong(1), r.getLong(2), r.getLong(3), r.getInt(4), r.getLong(5)));
                }
            }
        }
        return blocks;
    }

    private static void delete(Connection c, long lastId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM blocks WHERE last_id = ?")) {
            delete.setLong(1, lastId);
            delete.executeUpdate();
        }
    }

    /**
     * Rewrites the block without its first {@code forget(lines)} lines; it keeps its last id and last_no. Returns
     * how many lines went.
     */
    private static int trim(Connection c, Block block, ToIntFunction<List<StoredLine>> forget) throws SQLException {
        List<StoredLine> lines;
        try (PreparedStatement read = c.prepareStatement("SELECT lines FROM blocks WHERE last_id = ?")) {
            read.setLong(1, block.lastId());
            try (ResultSet r = read.executeQuery()) {
                r.next();
                // The room's name is not in a block; a rewritten block is encoded again without it.
                lines = BlockCodec.decode("", r.getBytes(1));
            } catch (BlockCodec.CorruptBlockException e) {
                // Said by the writer like any failed write; the block stays as it is, the next sweep tries again.
                throw new SQLException("the file is corrupt (" + e.getMessage() + ")", e);
            }
        }
        int drop = Math.min(forget.applyAsInt(lines), lines.size());
        if (drop <= 0) {
            return 0;
        }
        if (drop == lines.size()) {
            delete(c, block.lastId());
            return drop;
        }
        List<StoredLine> kept = lines.subList(drop, lines.size());
        try (PreparedStatement update = c.prepareStatement("UPDATE blocks SET first_id = ?, first_time = ?, "
                + "line_count = ?, lines = ? WHERE last_id = ?")) {
            update.setLong(1, kept.get(0).id());
            update.setLong(2, kept.get(0).time().toEpochMilli());
            update.setInt(3, kept.size());
            update.setBytes(4, BlockCodec.encode(kept));
            update.setLong(5, block.lastId());
            update.executeUpdate();
        }
        return drop;
    }

    private int finishAge() {
        phase = Phase.ROOMS;
        return 0;
    }

    private int finishRooms() {
        phase = Phase.VACUUM;
        return 0;
    }
}
