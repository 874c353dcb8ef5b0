package parley.history.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parley.history.StoredLine;

/**
 * The writer's INSERT of blocks, prepared once per connection and used for every batch, and what it knows of
 * each room on that connection: its number and the number of its newest line.
 *
 * <p>A batch becomes one row per room: that room's lines of the batch, encoded together ({@link BlockCodec}).
 * SQLite's work per row (the b-tree insert, the index entry, the binds, each a native call) is then paid per
 * block, not per line. The blocks go in in order of their last id, the rowid, so they are appended at the
 * table's end; only the small index entries go to one place per room.
 *
 * <p>{@code last_no} counts a room's lines: the block's newest line is the room's {@code last_no}-th line
 * stored, so a block holds the room's lines {@code last_no - line_count + 1 .. last_no}. Retention and
 * {@code count} use it to find the n-th newest line without reading the blocks in between.
 *
 * <p>A room's number and last line number are looked up once per connection, in a batch's transaction. A
 * failed transaction takes this object with it (the writer drops the connection), so a number from a
 * rolled-back transaction is never used again.
 */
final class BlockInserts implements AutoCloseable {

    private static final String INSERT = "INSERT INTO blocks(last_id, room_no, first_id, first_time, last_time, "
            + "line_count, last_no, lines) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /** Rooms come and go; a server that has seen very many starts over rather than hold them all. */
    private static final int MAX_ROOMS_KNOWN = 10_000;

    /** A room as this connection knows it. */
    private static final class Room {
        final long no;
        long lastNo;

        Room(long no, long lastNo) {
            this.no = no;
            this.lastNo = lastNo;
        }
    }

    private final PreparedStatement insert;
    private final PreparedStatement addRoom;
    private final PreparedStatement findRoom;
    private final PreparedStatement findLastNo;
    private final Map<String, Room> rooms = new HashMap<>();

    BlockInserts(Connection c) throws SQLException {
        this.insert = c.prepareStatement(INSERT);
        this.addRoom = c.prepareStatement("INSERT INTO rooms(name) VALUES (?) ON CONFLICT(name) DO NOTHING");
        this.findRoom = c.prepareStatement("SELECT no FROM rooms WHERE name = ?");
        this.findLastNo = c.prepareStatement(
                "SELECT last_no FROM blocks WHERE room_no = ? ORDER BY last_id DESC LIMIT 1");
    }

    /** Inserts the batch (lines in id order, any rooms) as one block per room, in the caller's transaction. */
    void insert(List<StoredLine> batch) throws SQLException {
        Map<String, List<StoredLine>> byRoom = new LinkedHashMap<>();
        for (StoredLine line : batch) {
            byRoom.computeIfAbsent(line.room(), r -> new ArrayList<>()).add(line);
        }
        List<List<StoredLine>> blocks = new ArrayList<>(byRoom.values());
        blocks.sort(Comparator.comparingLong(block -> block.get(block.size() - 1).id()));
        for (List<StoredLine> block : blocks) {
            Room room = room(block.get(0).room());
            room.lastNo += block.size();
            add(room.no, room.lastNo, block);
        }
        insert.executeBatch();
    }

    /** Adds one block to the statement's batch; {@link #flush} runs it. */
    void add(long roomNo, long lastNo, List<StoredLine> lines) throws SQLException {
        StoredLine first = lines.get(0);
        StoredLine last = lines.get(lines.size() - 1);
        // The latest time, not the last line's: retention deletes a block whole only when every line is old,
        // and a clock set back can stamp a line earlier than the one before it.
        long latest = Long.MIN_VALUE;
        for (StoredLine line : lines) {
            latest = Math.max(latest, line.time().toEpochMilli());
        }
        insert.setLong(1, last.id());
        insert.setLong(2, roomNo);
        insert.setLong(3, first.id());
        insert.setLong(4, first.time().toEpochMilli());
        insert.setLong(5, latest);
        insert.setInt(6, lines.size());
        insert.setLong(7, lastNo);
        insert.setBytes(8, BlockCodec.encode(lines));
        insert.addBatch();
    }

    void flush() throws SQLException {
        insert.executeBatch();
    }

    private Room room(String name) throws SQLException {
        Room known = rooms.get(name);
        if (known != null) {
            return known;
        }
        if (rooms.size() >= MAX_ROOMS_KNOWN) {
            rooms.clear();
        }
        addRoom.setString(1, name);
        addRoom.executeUpdate();
        findRoom.setString(1, name);
        long no;
        try (ResultSet r = findRoom.executeQuery()) {
            r.next();
            no = r.getLong(1);
        }
        findLastNo.setLong(1, no);
        long lastNo;
        try (ResultSet r = findLastNo.executeQuery()) {
            lastNo = r.next() ? r.getLong(1) : 0;
        }
        Room room = new Room(no, lastNo);
        rooms.put(name, room);
        return room;
    }

    @Override
    public void close() {
        for (PreparedStatement s : List.of(insert, addRoom, findRoom, findLastNo)) {
            try {
                s.close();
            } catch (SQLException ignored) {
                // Closed with its connection after a failure that was already reported.
            }
        }
    }
}
