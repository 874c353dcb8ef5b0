package parley.history.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.history.StoredLine;

/**
 * The prepared INSERT, used for batch after batch on one connection, stores each line as it was, in its room
 * (rooms get their numbers as they first appear, mid-batch), a block per room per batch, numbered in the room.
 */
class BlockInsertsTest {

    @TempDir
    Path dir;

    /**
     * The driver's generated keys cost the writer a regex over the SQL and a second statement after every
     * INSERT (docs/BENCHMARKS.md, "The store, seventh session"); nothing here uses them, so they are off.
     */
    @Test
    void insertsMakeNoGeneratedKeys() throws Exception {
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            Database.configure(c);
            Database.createOrCheck(c);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO rooms(name) VALUES (?)")) {
                insert.setString(1, "#rust");
                assertThat(insert.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    assertThat(keys.next()).as("a generated key was fetched").isFalse();
                }
            }
        }
    }

    @Test
    void batchAfterBatchComesBackExactly() throws Exception {
        int[] sizes = {1, 2, 63, 64, 131};
        List<StoredLine> all = new ArrayList<>();
        Path file = dir.resolve(Database.FILE_NAME);
        try (Connection c = Database.SQLITE.open(file)) {
            Database.configure(c);
            Database.createOrCheck(c);
            try (BlockInserts inserts = new BlockInserts(c)) {
                long id = 0;
                for (int size : sizes) {
                    List<StoredLine> batch = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        id++;
                        String room = "room " + id % 3 + (id > 100 ? " later" : "");
                        batch.add(new StoredLine(room, id, Stores.NOW.plusMillis(id),
                                id % 3 == 0 ? StoredLine.Kind.ACTION : StoredLine.Kind.MESSAGE, "nïck" + id,
                                "[::1]:" + id, "line " + id + " 👋 'quoted'"));
                    }
                    Database.execute(c, "BEGIN IMMEDIATE");
                    inserts.insert(batch);
                    Database.execute(c, "COMMIT");
                    all.addAll(batch);
                }
            }
        }

        try (LineReader reader = new LineReader(file, Database.SQLITE)) {
            for (String room : all.stream().map(StoredLine::room).distinct().toList()) {
                TreeMap<Long, StoredLine> read = new TreeMap<>();
                reader.read(LineReader.Page.AFTER, room, 0, all.size() + 10, read);
                assertThat(read.values()).as(room)
                        .containsExactlyElementsOf(all.stream().filter(line -> line.room().equals(room)).toList());
            }
        }
        try (Connection c = Database.SQLITE.open(file)) {
            // Five batches over three rooms (two more after id 100): one block per room each, numbered in the room.
            assertThat(Database.longOf(c, "SELECT count(*) FROM blocks")).isEqualTo(15);
            assertThat(Database.longOf(c, "SELECT sum(line_count) FROM blocks")).isEqualTo(all.size());
            long room0 = all.stream().filter(line -> line.room().equals("room 0")).count();
            assertThat(Database.longOf(c, "SELECT max(last_no) FROM blocks JOIN rooms ON no = room_no "
                    + "WHERE name = 'room 0'")).isEqualTo(room0);
        }
    }
}
