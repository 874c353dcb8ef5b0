package parley.history.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every read and every retention query is a search of an index or the rowid, never a scan of the lines or a
 * sort: history reads must stay fast however many lines the file holds. Checked with EXPLAIN QUERY PLAN on a
 * file of the current schema.
 */
class ReadPlanTest {

    @TempDir
    Path dir;

    @Test
    void historyReadsAreRangesOfTheRoomIndex() throws Exception {
        List<String> reads = new ArrayList<>();
        for (LineReader.Page page : LineReader.Page.values()) {
            reads.add(page.sql);
        }
        reads.addAll(List.of(LineReader.BLOCK_PAST, LineReader.NEWEST_NO));
        for (String read : reads) {
            assertThat(plan(read)).as(read)
                    .anyMatch(step -> step.startsWith("SEARCH blocks USING INDEX blocks_by_room (room_no=?")
                            || step.startsWith("SEARCH blocks USING COVERING INDEX blocks_by_room (room_no=?"))
                    .noneMatch(step -> step.startsWith("SCAN") || step.contains("TEMP B-TREE"));
        }
        assertThat(plan(LineReader.ROOM)).noneMatch(step -> step.startsWith("SCAN"));
        assertThat(plan(LineReader.LAST_STORED)).noneMatch(step -> step.startsWith("SCAN"));
    }

    @Test
    void retentionAndTheIdReservationSearchRatherThanScan() throws Exception {
        List<String> queries = List.of(
                Retention.OLDEST_BLOCKS,
                "DELETE FROM blocks WHERE last_id = 5",
                "SELECT lines FROM blocks WHERE last_id = 5",
                "UPDATE blocks SET first_id = 1, first_time = 1, line_count = 1, lines = x'00' WHERE last_id = 5",
                "SELECT min(no) FROM rooms WHERE no > 3",
                Retention.NEWEST_OF_ROOM,
                Retention.OLDEST_OF_ROOM,
                "SELECT last_no FROM blocks WHERE room_no = 3 ORDER BY last_id DESC LIMIT 1",
                "SELECT coalesce(max(last_id), 0) FROM blocks");
        for (String query : queries) {
            // "SCAN blocks" with a LIMIT and the rowid's own order reads the first rows only: allowed for the oldest.
            List<String> plan = plan(query);
            assertThat(plan).as(query).noneMatch(step -> step.contains("TEMP B-TREE"));
            if (!query.equals(Retention.OLDEST_BLOCKS)) {
                assertThat(plan).as(query).noneMatch(step -> step.startsWith("SCAN"));
            }
        }
    }

    private List<String> plan(String query) throws Exception {
        List<String> steps = new ArrayList<>();
        try (Connection c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            Database.configure(c);
            Database.createOrCheck(c);
            // Placeholders as literals: EXPLAIN needs no values, and a bound value would not change the plan.
            String sql = "EXPLAIN QUERY PLAN " + query.replace("?", "1");
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    steps.add(r.getString("detail"));
                }
            }
        }
        return steps;
    }
}
