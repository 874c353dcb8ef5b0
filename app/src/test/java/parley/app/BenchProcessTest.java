package parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.bench.target.RedisTarget;

/**
 * {@code parley bench} through the launcher, briefly: each backend it measures is {@code parley server} in a
 * JVM of its own, started from this class path, so this test lives where the launcher is. What it reports is
 * checked for shape, never for speed (the bench module's BenchCommandTest covers the rest of the command).
 */
@Timeout(300)
class BenchProcessTest {

    @Test
    void aBackendRunsInItsOwnProcessWithServerFiguresAndRedisIsMeasuredOrSkippedWithANote(@TempDir Path dir)
            throws Exception {
        Path results = briefBench(dir, "--backends", "threaded", "--start-redis", "--scenario", "fanout");
        assertThat(results.getParent()).isEqualTo(dir.toAbsolutePath());
        List<Map<String, Object>> rows = rows(results);
        assertThat(rows).extracting(r -> r.get("target")).containsExactly("threaded", "redis");
        Map<String, Object> threaded = rows.get(0);
        assertThat(threaded.get("lost")).isEqualTo(0);
        assertThat(((Number) threaded.get("peak_rss_mib")).doubleValue()).isPositive();
        assertThat(((Number) threaded.get("threads")).doubleValue()).isPositive();
        assertThat(threaded.get("server_cpu_seconds")).isNotNull();
        Map<String, Object> redis = rows.get(1);
        if (RedisTarget.findBinary().isPresent()) {
            assertThat(redis.get("lost")).isEqualTo(0);
            assertThat(((Number) redis.get("deliveries_per_sec")).doubleValue()).isPositive();
        } else {
            assertThat((String) redis.get("notes")).contains("skipped").contains("redis-server is not installed");
        }
        try (Stream<Path> logs = Files.list(results.resolve("logs"))) {
            assertThat(logs.map(p -> p.getFileName().toString()))
                    .contains("threaded-fanout-1.out", "threaded-fanout-1.err");
        }
    }

    @Test
    void aBackendPlusStoreKeepsItsRunsHistoryInAFolderOfItsOwnAndDeletesItAfter(@TempDir Path dir)
            throws Exception {
        Path results = briefBench(dir, "--backends", "selector,selector+store", "--scenario", "fanout");
        List<Map<String, Object>> rows = rows(results);
        assertThat(rows).extracting(r -> r.get("target")).containsExactly("selector", "selector+store");
        assertThat(rows).extracting(r -> r.get("lost")).containsExactly(0, 0);
        Path logs = results.resolve("logs");
        String inMemory = Files.readString(logs.resolve("selector-fanout-1.err"))
                + Files.readString(logs.resolve("selector-fanout-1.out"));
        String stored = Files.readString(logs.resolve("selector_store-fanout-1.err"))
                + Files.readString(logs.resolve("selector_store-fanout-1.out"));
        assertThat(inMemory).doesNotContain("history.db");
        assertThat(stored).containsPattern("history: \\S*selector_store-fanout-1-history-\\S*history\\.db");
        try (Stream<Path> left = Files.list(logs)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the run's history folder is deleted after it")
                    .noneMatch(name -> name.contains("-history-"));
        }
    }

    /** Runs a bench of a few clients for half a second through the launcher; returns its results folder. */
    private static Path briefBench(Path dir, String... what) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("bench", "--clients", "4", "--senders", "2", "--rate", "50",
                "--window", "2", "--warmup", "0.2", "--duration", "0.5", "--drain", "20", "--join-timeout", "60",
                "--no-pin", "--no-progress", "--out", dir.toString()));
        args.addAll(List.of(what));
        int code = Parley.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        String resultsLine = out.toString().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        return Path.of(resultsLine.substring("results: ".length()));
    }

    /** The median rows of a results folder's results.json. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Path results) throws Exception {
        return (List<Map<String, Object>>) JSON.std.mapFrom(Files.readString(results.resolve("results.json")))
                .get("rows");
    }
}
