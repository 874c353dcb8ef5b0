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
        for (String read : List.of(LineReader.LATEST, LineReader.BEFORE, LineReader.AFTER, LineReader.COUNT)) {
            assertThat(plan(read)).as(read)
                    .anyMatch(step -> step.startsWith("SEARCH lines USING INDEX lines_by_room (room_no=?")
                            || step.startsWith("SEARCH lines USING COVERING INDEX lines_by_room (room_no=?"))
                    .noneMatch(step -> step.startsWith("SCAN") || step.contains("TEMP B-TREE"));
        }
    }

    @Test
    void retentionAndTheIdReservationSearchRatherThanScan() throws Exception {
        List<String> queries = List.of(
                "SELECT id, time FROM lines ORDER BY id LIMIT 500",
                "DELETE FROM lines WHERE id <= 5",
                "SELECT min(no) FROM rooms WHERE no > 3",
                "SELECT id FROM lines WHERE room_no = 3 ORDER BY id DESC LIMIT 1 OFFSET 10",
                "DELETE FROM lines WHERE id IN (SELECT id FROM lines WHERE room_no = 3 AND id <= 9 ORDER BY id LIMIT 500)",
                "SELECT coalesce(max(id), 0) FROM lines");
        for (String query : queries) {
            // "SCAN lines" with a LIMIT and the rowid's own order reads the first rows only: allowed for the oldest.
            List<String> plan = plan(query);
            assertThat(plan).as(query).noneMatch(step -> step.contains("TEMP B-TREE"));
            if (!query.startsWith("SELECT id, time FROM lines ORDER BY id")) {
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
