package parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.bench.target.RedisTarget;

/**
 * {@code parley bench --cluster 2} for real: a redis-server and two {@code parley server --cluster} nodes per
 * run, started by the bench from this class path, clients spread over the nodes. It checks the harness (rows,
 * deliveries, nothing lost or reordered, every process stopped after the run and on Ctrl-C), never its speed.
 */
@Timeout(300)
class ClusterBenchProcessTest {

    private static final String[] SHORT = {"--clients", "6", "--senders", "3", "--rate", "50", "--window", "2",
        "--warmup", "0.5", "--duration", "1", "--drain", "20", "--join-timeout", "60", "--no-pin", "--no-progress"};

    @BeforeEach
    void needsRedis() {
        assumeThat(RedisTarget.findBinary()).as("redis-server installed (CI installs it)").isPresent();
    }

    @Test
    void aTwoNodeClusterDeliversAcrossNodesNextToTheSingleNodeAndLeavesNothingRunning(@TempDir Path dir)
            throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("bench"));
        args.addAll(List.of(SHORT));
        args.addAll(List.of("--out", dir.toString(), "--backends", "selector", "--cluster", "2"));
        int code = Parley.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();

        String resultsLine = out.toString().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        Path results = Path.of(resultsLine.substring("results: ".length()));
        List<Map<String, Object>> rows = BenchProcessTest.rows(results);
        assertThat(rows).extracting(r -> r.get("target") + " " + r.get("scenario"))
                .containsExactly("selector fanout", "selector x2 fanout", "selector saturate", "selector x2 saturate");
        for (Map<String, Object> row : rows) {
            String which = row.get("target") + " " + row.get("scenario");
            String notes = (String) row.get("notes");
            assertThat(notes).as(which).doesNotContain("skipped", "errors", "timed out");
            assertThat(((Number) row.get("deliveries_per_sec")).doubleValue()).as(which).isPositive();
            assertThat(row.get("lost")).as(which).isEqualTo(0);
            assertThat(row.get("reordered")).as(which).isEqualTo(0);
            assertThat(row.get("server_cpu_seconds")).as(which).isNotNull();
            if (row.get("target").equals("selector x2")) {
                // Six clients on two nodes: of each sender's five receivers, three sit on the other node.
                assertThat(notes).as(which).contains("2 nodes: ", "% of deliveries crossed nodes",
                        "CPU s: n1 ", ", n2 ", ", redis-server ");
                assertThat(((Number) row.get("p99_ms")).doubleValue()).as(which).isPositive();
            }
        }
        assertThat(Files.readString(results.resolve("table.md"))).contains("| selector x2 ");
        assertThat(Files.readAllLines(results.resolve("results.csv"))).hasSize(5);
        assertThat((String) JSON.std.mapFrom(Files.readString(results.resolve("results.json"))).get("pinning"))
                .contains("a cluster's 2 nodes and its redis-server");
        try (Stream<Path> logs = Files.list(results.resolve("logs"))) {
            assertThat(logs.map(p -> p.getFileName().toString())).contains("selector_x2-fanout-1-redis.out",
                    "selector_x2-fanout-1-n1.out", "selector_x2-fanout-1-n2.out");
        }
        assertThat(ProcessHandle.current().descendants().filter(ClusterBenchProcessTest::isClusterProcess).toList())
                .as("nodes and redis-servers left running").isEmpty();
    }

    @Test
    void ctrlCStopsEveryNodeAndTheRedisServer(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Parley.class.getName(), "bench"));
        // Long enough to be caught in the middle of the cluster's run (the single node's run comes first).
        cmd.addAll(List.of("--clients", "4", "--senders", "2", "--rate", "20", "--warmup", "5", "--duration", "10",
                "--no-pin", "--no-progress", "--out", dir.toString(), "--backends", "threaded",
                "--scenario", "fanout", "--cluster", "2"));
        Path log = dir.resolve("bench.log");
        Process bench = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<ProcessHandle> started = new ArrayList<>();
        try {
            // Running: its redis-server and both nodes are up (their command lines say which is which).
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                assertThat(bench.isAlive()).as("the bench is running: %s", Files.readString(log)).isTrue();
                started.clear();
                bench.descendants().filter(ClusterBenchProcessTest::isClusterProcess).forEach(started::add);
                return started.size() == 3;
            });
            new ProcessBuilder("kill", "-INT", Long.toString(bench.pid())).inheritIO().start().waitFor();

            assertThat(bench.waitFor(60, TimeUnit.SECONDS)).as("the bench exits on Ctrl-C").isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            started.forEach(ProcessHandle::destroyForcibly);
            bench.destroyForcibly();
        }
    }

    /**
     * A redis-server or a cluster node, alive. Read from /proc: ProcessHandle.Info leaves out a command line as
     * long as a JVM's with its class path.
     */
    private static boolean isClusterProcess(ProcessHandle p) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return p.isAlive() && (cmdline.contains("redis-server") || cmdline.contains("--cluster"));
        } catch (java.io.IOException e) {
            return false; // gone
        }
    }
}
