package parley.history.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import parley.history.StoredLine;

/**
 * The writer's INSERT, prepared once per connection and used for every batch, and the room numbers it has
 * looked up on that connection.
 *
 * <p>One row per statement, run as a JDBC batch. An INSERT of 64 rows at once halves the native calls and was
 * faster with one room, but with lines spread over 100 rooms it cost 60 % more CPU per line: a statement
 * that writes many rows keeps a statement journal of every page it changes, and each row changes a
 * different page of the room index.
 *
 * <p>A room's number is looked up (or its row added) once per connection, in the batch's transaction. A
 * failed transaction takes this object with it (the writer drops the connection), so a number from a
 * rolled-back transaction is never used again.
 */
final class LineInserts implements AutoCloseable {

    private static final String INSERT =
            "INSERT INTO lines(room_no, id, time, kind, nick, address, text) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /** Rooms come and go; a server that has seen very many starts over rather than hold them all. */
    private static final int MAX_ROOMS_KNOWN = 10_000;

    private final PreparedStatement insert;
    private final PreparedStatement addRoom;
    private final PreparedStatement findRoom;
    private final Map<String, Long> roomNumbers = new HashMap<>();

    LineInserts(Connection c) throws SQLException {
        this.insert = c.prepareStatement(INSERT);
        this.addRoom = c.prepareStatement("INSERT INTO rooms(name) VALUES (?) ON CONFLICT(name) DO NOTHING");
        this.findRoom = c.prepareStatement("SELECT no FROM rooms WHERE name = ?");
    }

    /** Inserts the lines, in the caller's transaction. */
    void insert(List<StoredLine> lines) throws SQLException {
        for (StoredLine line : lines) {
            insert.setLong(1, roomNumber(line.room()));
            insert.setLong(2, line.id());
            insert.setLong(3, line.time().toEpochMilli());
            insert.setInt(4, Database.code(line.kind()));
            insert.setString(5, line.nick());
            insert.setString(6, line.address());
            insert.setString(7, line.text());
            insert.addBatch();
        }
        insert.executeBatch();
    }

    private long roomNumber(String room) throws SQLException {
        Long known = roomNumbers.get(room);
        if (known != null) {
            return known;
        }
        if (roomNumbers.size() >= MAX_ROOMS_KNOWN) {
            roomNumbers.clear();
        }
        addRoom.setString(1, room);
        addRoom.executeUpdate();
        findRoom.setString(1, room);
        try (ResultSet r = findRoom.executeQuery()) {
            r.next();
            long no = r.getLong(1);
            roomNumbers.put(room, no);
            return no;
        }
    }

    @Override
    public void close() {
        for (PreparedStatement s : List.of(insert, addRoom, findRoom)) {
            try {
                s.close();
            } catch (SQLException ignored) {
                // Closed with its connection after a failure that was already reported.
            }
        }
    }
}
