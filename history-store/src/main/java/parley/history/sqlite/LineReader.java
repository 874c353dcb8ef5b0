package parley.history.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import parley.history.HistoryStoreException;
import parley.history.StoredLine;

/**
 * The reads, on a connection of their own: in WAL mode a reader sees the last commit and neither waits for
 * the writer nor makes it wait. One read at a time (they are short: a few blocks of one room).
 *
 * <p>A page reads the room's blocks from its anchor on, in id order or against it, decodes each and keeps the
 * lines on the anchor's side until it has {@code limit}: the blocks after the page's last are never read.
 */
final class LineReader implements AutoCloseable {

    /** The three page reads: each a range of the room index, blocks_by_room (room_no, last_id): see ReadPlanTest. */
    enum Page {
        /** The room's blocks, newest first. */
        LATEST("SELECT lines FROM blocks WHERE room_no = ? ORDER BY last_id DESC"),
        /** Newest first from the block that holds the anchor (the first whose last id is at or past it). */
        BEFORE("SELECT lines FROM blocks WHERE room_no = ? AND last_id <= coalesce((SELECT last_id FROM blocks "
                + "WHERE room_no = ? AND last_id >= ? ORDER BY last_id LIMIT 1), 9223372036854775807) "
                + "ORDER BY last_id DESC"),
        /** Oldest first from the first block with a line past the anchor. */
        AFTER("SELECT lines FROM blocks WHERE room_no = ? AND last_id > ? ORDER BY last_id");

        final String sql;

        Page(String sql) {
            this.sql = sql;
        }
    }

    static final String ROOM = "SELECT no FROM rooms WHERE name = ?";
    /** The first block of a room holding a line past an id: where the room's line numbers are read from. */
    static final String BLOCK_PAST = "SELECT first_id, line_count, last_no, lines FROM blocks "
            + "WHERE room_no = ? AND last_id > ? ORDER BY last_id LIMIT 1";
    static final String NEWEST_NO = "SELECT last_no FROM blocks WHERE room_no = ? ORDER BY last_id DESC LIMIT 1";
    static final String LAST_STORED = "SELECT coalesce(max(last_id), 0) FROM blocks";

    /** How many lines a range holds in the file, and the highest id the file holds in any room (0 for none). */
    record Count(long lines, long lastStoredId) {
    }

    private final Path file;
    private final Database.Opener opener;
    private Connection connection;
    private boolean closed;

    LineReader(Path file, Database.Opener opener) {
        this.file = file;
        this.opener = opener;
    }

    /**
     * Puts into {@code into} the up to {@code limit} lines of {@code room} in the file that the page selects
     * ({@code anchor} is the id for BEFORE and AFTER, ignored for LATEST).
     */
    synchronized void read(Page page, String room, long anchor, int limit, Map<Long, StoredLine> into) {
        try {
            Connection c = connection();
            long roomNo = roomNo(c, room);
            if (roomNo == 0) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(page.sql)) {
                s.setLong(1, roomNo);
                if (page == Page.BEFORE) {
                    s.setLong(2, roomNo);
                    s.setLong(3, anchor);
                } else if (page == Page.AFTER) {
                    s.setLong(2, anchor);
                }
                boolean ascending = page == Page.AFTER;
                int found = 0;
                try (ResultSet r = s.executeQuery()) {
                    while (found < limit && r.next()) {
                        List<StoredLine> lines = BlockCodec.decode(room, r.getBytes(1));
                        for (int i = 0; i < lines.size() && found < limit; i++) {
                            StoredLine line = lines.get(ascending ? i : lines.size() - 1 - i);
                            if (page == Page.LATEST || (ascending ? line.id() > anchor : line.id() < anchor)) {
                                into.put(line.id(), line);
                                found++;
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw failed(Database.describe(e), e);
        } catch (BlockCodec.CorruptBlockException e) {
            throw failed("the file is corrupt (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The lines of {@code room} in the file with {@code afterId < id < beforeId}: the room's line numbers
     * ({@code last_no}) at the two ends, read in one transaction, so a block committed or forgotten meanwhile
     * cannot make the two ends disagree.
     */
    synchronized Count count(String room, long afterId, long beforeId) {
        try {
            Connection c = connection();
            Database.execute(c, "BEGIN");
            try {
                long roomNo = roomNo(c, room);
                long lines = roomNo == 0 ? 0 : lineNo(c, roomNo, beforeId - 1) - lineNo(c, roomNo, afterId);
                return new Count(Math.max(0, lines), Database.longOf(c, LAST_STORED));
            } finally {
                Database.execute(c, "COMMIT");
            }
        } catch (SQLException e) {
            throw failed(Database.describe(e), e);
        } catch (BlockCodec.CorruptBlockException e) {
            throw failed("the file is corrupt (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The number, among all the room's lines ever stored, of its last line with an id up to {@code id}. Lines
     * forgotten by retention still count (they were all older), so differences are lines in the file.
     */
    private static long lineNo(Connection c, long roomNo, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(BLOCK_PAST)) {
            s.setLong(1, roomNo);
            s.setLong(2, id);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    long beforeBlock = r.getLong(3) - r.getLong(2);
                    if (r.getLong(1) > id) {
                        return beforeBlock;
                    }
                    long upToId = BlockCodec.decode("", r.getBytes(4)).stream().filter(l -> l.id() <= id).count();
                    return beforeBlock + upToId;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(NEWEST_NO)) {
            s.setLong(1, roomNo);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    /** The room's number, 0 if it has never stored a line. */
    private static long roomNo(Connection c, String room) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ROOM)) {
            s.setString(1, room);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    /** The next read opens a new connection: the file may be fine again by then. */
    private HistoryStoreException failed(String why, Exception e) {
        Database.closeQuietly(connection);
        connection = null;
        return new HistoryStoreException("history could not be read from " + file + ": " + why, e);
    }

    private Connection connection() throws SQLException {
        if (closed) {
            throw new HistoryStoreException("the history store " + file + " is closed");
        }
        if (connection == null) {
            Connection c = opener.open(file);
            try {
                Database.execute(c, "PRAGMA query_only = 1");
            } catch (SQLException e) {
                Database.closeQuietly(c);
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        closed = true;
        Database.closeQuietly(connection);
        connection = null;
    }
}
