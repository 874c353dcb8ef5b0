package parley.history.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import parley.history.StoredLine;

/**
 * The writer's INSERTs, prepared once per connection and used for every batch.
 *
 * <p>sqlite-jdbc runs a JDBC batch as one native call per bound value plus a step and a reset per row. An INSERT
 * of {@link #ROWS} rows at once steps and resets once for all of them, and SQLite parses it once per connection,
 * not once per transaction: less of the writer's CPU per line, which a one-CPU server takes from delivery.
 * The lines left over after the last full group go through a one-row statement.
 */
final class LineInserts implements AutoCloseable {

    static final int ROWS = 64;
    private static final String COLUMNS = "INSERT INTO lines(id, room, time, kind, nick, address, text) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?)";
    private static final int VALUES_PER_ROW = 7;

    private final PreparedStatement many;
    private final PreparedStatement one;

    LineInserts(Connection c) throws SQLException {
        this.many = c.prepareStatement(COLUMNS + String.join(", ", Collections.nCopies(ROWS, ROW)));
        try {
            this.one = c.prepareStatement(COLUMNS + ROW);
        } catch (SQLException e) {
            many.close();
            throw e;
        }
    }

    /** Inserts the lines, in the caller's transaction. */
    void insert(List<StoredLine> lines) throws SQLException {
        int full = lines.size() - lines.size() % ROWS;
        for (int start = 0; start < full; start += ROWS) {
            for (int row = 0; row < ROWS; row++) {
                bind(many, row * VALUES_PER_ROW, lines.get(start + row));
            }
            many.addBatch();
        }
        if (full > 0) {
            many.executeBatch();
        }
        for (int i = full; i < lines.size(); i++) {
            bind(one, 0, lines.get(i));
            one.addBatch();
        }
        if (full < lines.size()) {
            one.executeBatch();
        }
    }

    private static void bind(PreparedStatement s, int offset, StoredLine line) throws SQLException {
        s.setLong(offset + 1, line.id());
        s.setString(offset + 2, line.room());
        s.setLong(offset + 3, line.time().toEpochMilli());
        s.setInt(offset + 4, Database.code(line.kind()));
        s.setString(offset + 5, line.nick());
        s.setString(offset + 6, line.address());
        s.setString(offset + 7, line.text());
    }

    @Override
    public void close() {
        try {
            many.close();
            one.close();
        } catch (SQLException ignored) {
            // Closed with their connection after a failure that was already reported.
        }
    }
}
