package parley.history.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import parley.history.StoredLine;

/**
 * Brings the lines of a file of an older schema into schema 4's blocks, ids and all, inside the transaction
 * of {@link Database#createOrCheck}: an upgrade that fails leaves the file as it was.
 *
 * <pre>
 *  schema 1, 2   lines(id, room, time, kind, nick, address, text)      rooms numbered by name, then as below
 *  schema 3      lines(id, room_no, time, kind, nick, address, text)   read room by room in id order,
 *                                                                      BLOCK lines of a room to a block
 * </pre>
 */
final class SchemaUpgrade {

    /** Lines per block made by an upgrade: as many as the writer's largest batch puts in one room's block. */
    static final int BLOCK = 1_000;

    private SchemaUpgrade() {
    }

    /** Moves the lines of a file at {@code version} (1 to 3) into the (existing, empty) blocks table. */
    static void linesToBlocks(Connection c, Statement s, int version) throws SQLException {
        String join;
        if (version < 3) {
            // Schemas 1 and 2 kept the room's name in every line: number the rooms first.
            s.execute("INSERT INTO rooms(name) SELECT DISTINCT room FROM lines ORDER BY room");
            join = "rooms.name = lines.room";
        } else {
            join = "rooms.no = lines.room_no";
        }
        try (BlockInserts inserts = new BlockInserts(c);
             Statement read = c.createStatement();
             ResultSet r = read.executeQuery("SELECT rooms.no, rooms.name, lines.id, lines.time, lines.kind, "
                     + "lines.nick, lines.address, lines.text FROM lines JOIN rooms ON " + join
                     + " ORDER BY rooms.no, lines.id")) {
            List<StoredLine> block = new ArrayList<>(BLOCK);
            long roomNo = 0;
            long lastNo = 0;
            while (r.next()) {
                long no = r.getLong(1);
                if (no != roomNo || block.size() == BLOCK) {
                    lastNo += add(inserts, roomNo, lastNo, block);
                    if (no != roomNo) {
                        roomNo = no;
                        lastNo = 0;
                    }
                }
                block.add(new StoredLine(r.getString(2), r.getLong(3), Instant.ofEpochMilli(r.getLong(4)),
                        Database.kind(r.getInt(5)), r.getString(6), r.getString(7), r.getString(8)));
            }
            add(inserts, roomNo, lastNo, block);
        }
        s.execute("DROP TABLE lines");
    }

    /** Adds the block, if any, and empties it; returns how many lines it held. */
    private static int add(BlockInserts inserts, long roomNo, long lastNo, List<StoredLine> block)
            throws SQLException {
        int n = block.size();
        if (n > 0) {
            inserts.add(roomNo, lastNo + n, block);
            // One block per statement run: a JDBC batch of the whole file would hold it all in memory.
            inserts.flush();
            block.clear();
        }
        return n;
    }
}
