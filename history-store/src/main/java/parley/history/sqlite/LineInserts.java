package parley.history.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import parley.history.StoredLine;

/**
 * The writer's INSERT, prepared once per connection and used for every batch (it was prepared for each).
 *
 * <p>One row per statement, run as a JDBC batch. An INSERT of 64 rows at once halves the native calls and was
 * faster with one room, but with lines spread over 100 rooms it cost 60 % more CPU per line: a statement
 * that writes many rows keeps a statement journal of every page it changes, and each row changes a
 * different page of the room index.
 */
final class LineInserts implements AutoCloseable {

    private static final String INSERT =
            "INSERT INTO lines(id, room, time, kind, nick, address, text) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final PreparedStatement insert;

    LineInserts(Connection c) throws SQLException {
        this.insert = c.prepareStatement(INSERT);
    }

    /** Inserts the lines, in the caller's transaction. */
    void insert(List<StoredLine> lines) throws SQLException {
        for (StoredLine line : lines) {
            insert.setLong(1, line.id());
            insert.setString(2, line.room());
            insert.setLong(3, line.time().toEpochMilli());
            insert.setInt(4, Database.code(line.kind()));
            insert.setString(5, line.nick());
            insert.setString(6, line.address());
            insert.setString(7, line.text());
            insert.addBatch();
        }
        insert.executeBatch();
    }

    @Override
    public void close() {
        try {
            insert.close();
        } catch (SQLException ignored) {
            // Closed with its connection after a failure that was already reported.
        }
    }
}
