package parley.history.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import parley.history.HistoryStoreException;
import parley.history.StoredLine;

/**
 * The reads, on a connection of their own: in WAL mode a reader sees the last commit and neither waits for
 * the writer nor makes it wait. One read at a time (they are short: one index range of at most a page).
 */
final class LineReader implements AutoCloseable {

    /** Each read is one range of the room index, lines_by_room (room_no, id): see ReadPlanTest. */
    private static final String COLUMNS = "SELECT id, time, kind, nick, address, text FROM lines ";
    private static final String ROOM = "room_no = (SELECT no FROM rooms WHERE name = ?)";
    static final String LATEST = COLUMNS + "WHERE " + ROOM + " ORDER BY id DESC LIMIT ?";
    static final String BEFORE = COLUMNS + "WHERE " + ROOM + " AND id < ? ORDER BY id DESC LIMIT ?";
    static final String AFTER = COLUMNS + "WHERE " + ROOM + " AND id > ? ORDER BY id LIMIT ?";
    static final String COUNT = "SELECT count(*), coalesce(max(id), 0) FROM lines WHERE " + ROOM
            + " AND id > ? AND id < ?";

    /** How many lines a range holds in the file, and the highest id among them (0 for none). */
    record Count(long lines, long highestId) {
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
     * Puts into {@code into} the lines of {@code room} that {@code query} selects ({@code anchor} is the id for
     * BEFORE and AFTER, ignored for LATEST).
     */
    synchronized void read(String query, String room, long anchor, int limit, Map<Long, StoredLine> into) {
        try {
            try (PreparedStatement s = connection().prepareStatement(query)) {
                int i = 1;
                s.setString(i++, room);
                if (!query.equals(LATEST)) {
                    s.setLong(i++, anchor);
                }
                s.setInt(i, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long id = r.getLong(1);
                        into.put(id, new StoredLine(room, id, Instant.ofEpochMilli(r.getLong(2)), Database.kind(r.getInt(3)),
                                r.getString(4), r.getString(5), r.getString(6)));
                    }
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The lines of {@code room} in the file with {@code afterId < id < beforeId}. */
    synchronized Count count(String room, long afterId, long beforeId) {
        try (PreparedStatement s = connection().prepareStatement(COUNT)) {
            s.setString(1, room);
            s.setLong(2, afterId);
            s.setLong(3, beforeId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Count(r.getLong(1), r.getLong(2));
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The next read opens a new connection: the file may be fine again by then. */
    private HistoryStoreException failed(SQLException e) {
        Database.closeQuietly(connection);
        connection = null;
        return new HistoryStoreException("history could not be read from " + file + ": " + Database.describe(e), e);
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
