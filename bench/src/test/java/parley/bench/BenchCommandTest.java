package parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.core.ChatCore;
import parley.core.CoreSettings;
import parley.core.ServerLog;
import parley.server.Backends;
import parley.server.RunningServer;
import parley.server.ServerSettings;
import picocli.CommandLine;

/**
 * The whole command, briefly, with a handful of clients against a server in this JVM: the shape of what it
 * reports, never its speed. A backend in a process of its own needs the launcher: app's BenchProcessTest.
 */
@Timeout(300)
class BenchCommandTest {

    private static final String[] SHORT = {"--clients", "4", "--senders", "2", "--rate", "50", "--window", "2",
        "--warmup", "0.2", "--duration", "0.5", "--drain", "20", "--slow-clients", "1", "--idle-connections", "20",
        "--join-timeout", "60", "--no-pin", "--no-progress"};

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome bench(Path dir, String... args) {
        return bench(System.getenv(), dir, args);
    }

    private static Outcome bench(Map<String, String> environment, Path dir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand(environment));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = Stream.concat(Stream.of(SHORT), Stream.concat(Stream.of("--out", dir.toString()), Stream.of(args)))
                .toArray(String[]::new);
        int code = cl.execute(all);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void the_servers_default_to_the_launchers_own_jvm_settings() throws Exception {
        // The bench measures what `./parley server` runs: its fallback must be the script's list, word for word.
        String script = Files.readString(Path.of("..", "parley"));
        assertThat(script).contains("server_opts=\"" + BenchCommand.LAUNCHER_SERVER_JVM_OPTS + "\"");
    }

    @Test
    void everyScenarioAgainstARunningTextServerGivesATableAndResultFiles(@TempDir Path dir) throws Exception {
        try (RunningServer server = Backends.discover().find("threaded").orElseThrow()
                .start(ServerSettings.forTests(), new ChatCore(Clock.systemDefaultZone(), ServerLog.silent()))) {
            Outcome o = bench(dir, "--backends", "none", "--target",
                    "line://127.0.0.1:" + server.address().getPort(), "--scenario", "fanout,saturate,idle,slow");
            assertThat(o.exitCode()).as(o.err()).isZero();

            String target = "line://127.0.0.1:" + server.address().getPort();
            assertThat(o.out().lines().filter(l -> l.startsWith("| " + target))).hasSize(4);
            Path results = onlySubfolder(dir);
            List<Map<String, Object>> rows = rows(results);
            assertThat(rows).extracting(r -> r.get("scenario")).containsExactly("fanout", "saturate", "idle", "slow");
            for (Map<String, Object> row : rows) {
                assertThat(row.get("target")).isEqualTo(target);
                assertThat(row.get("lost")).as("lost in %s", row.get("scenario")).isEqualTo(0);
                if (!row.get("scenario").equals("idle")) {
                    assertThat(((Number) row.get("deliveries_per_sec")).doubleValue()).isPositive();
                    assertThat(row.get("reordered")).isEqualTo(0);
                    assertThat(row.get("server_cpu_seconds")).as("no pid for a line:// target").isNull();
                }
            }
            assertThat(rows.get(2).get("connections")).isEqualTo(20);
            assertThat((String) rows.get(3).get("notes")).contains("slow: ");
            assertThat(Files.readAllLines(results.resolve("results.csv"))).hasSize(5);
            assertThat(Files.readAllLines(results.resolve("runs.csv"))).hasSize(5);
            assertThat(Files.readString(results.resolve("table.md"))).contains("| " + target);
            byte[] png = Files.readAllBytes(results.resolve("chart.png"));
            assertThat(png.length).isGreaterThan(1000);
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }

    @Test
    void lobbyBringsEveryoneIntoTheOneRoomThenLetsThemLeaveAndSaysWhatEachArrivalCost(@TempDir Path dir)
            throws Exception {
        try (RunningServer server = Backends.discover().find("threaded").orElseThrow().start(ServerSettings.forTests(),
                new ChatCore(Clock.systemDefaultZone(), ServerLog.silent(), CoreSettings.defaults().withPresenceLimit(5)))) {
            Outcome o = bench(dir, "--backends", "none", "--target", "line://127.0.0.1:" + server.address().getPort(),
                    "--scenario", "lobby", "--lobby-clients", "30", "--lobby-window", "0.5",
                    "--lobby-leave-watch", "0.2");
            assertThat(o.exitCode()).as(o.err()).isZero();
            Map<String, Object> row = rows(onlySubfolder(dir)).get(0);
            assertThat(row.get("scenario")).isEqualTo("lobby");
            assertThat(row.get("connections")).isEqualTo(30);
            assertThat(row.get("lost")).isEqualTo(0);
            assertThat(((Number) row.get("p99_ms")).doubleValue()).isPositive();
            String notes = (String) row.get("notes");
            assertThat(notes).contains("30 of 30 in #lobby", "RSS without GC: empty n/a");
            java.util.regex.Matcher bytes = java.util.regex.Pattern.compile("sent ([\\d,]+) bytes per arrival")
                    .matcher(notes);
            assertThat(bytes.find()).as(notes).isTrue();
            assertThat(Long.parseLong(bytes.group(1).replace(",", ""))).isPositive();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> server.connectionCount() == 0);
        }
    }

    @Test
    void repeatsAreInterleavedAcrossTargetsAndATargetThatCannotStartIsNotTriedAgain(@TempDir Path dir)
            throws Exception {
        int closedPort;
        try (var free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        try (RunningServer server = Backends.discover().find("threaded").orElseThrow()
                .start(ServerSettings.forTests(), new ChatCore(Clock.systemDefaultZone(), ServerLog.silent()))) {
            String line = "line://127.0.0.1:" + server.address().getPort();
            String redis = "redis://127.0.0.1:" + closedPort;
            Outcome o = bench(dir, "--backends", "none", "--target", line, "--target", redis, "--scenario", "fanout",
                    "--repeat", "2");
            assertThat(o.exitCode()).as(o.err()).isZero();
            assertThat(o.out()).as(o.err()).contains("results: ");

            Path results = Path.of(o.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow()
                    .substring("results: ".length()));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> runs = (List<Map<String, Object>>) JSON.std
                    .mapFrom(Files.readString(results.resolve("results.json"))).get("runs");
            assertThat(runs).extracting(r -> r.get("target") + " " + r.get("repeat"))
                    .containsExactly(line + " 1", redis + " 1", line + " 2");
            assertThat((String) runs.get(1).get("notes")).contains("unavailable");
        }
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        assertThat(bench(dir, "--scenario", "bogus").exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(bench(dir, "--backends", "none").err()).contains("nothing to measure");
        assertThat(bench(dir, "--target", "line://192.0.2.1:7777").err()).contains("loopback");
        assertThat(bench(dir, "--load-threads", "0").err()).contains("counts must be positive");
        Outcome twoFolders = bench(dir, "--backends", "selector,selector+store", "--server-args", "--data /tmp/x");
        assertThat(twoFolders.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(twoFolders.err().lines().findFirst().orElse(""))
                .contains("gets a history folder of its own for each run: leave --data out of --server-args");
    }

    @Test
    void aBadClusterIsAUsageErrorOfOneSentence(@TempDir Path dir) throws Exception {
        Map<List<String>, String> refusals = Map.of(
                List.of("--cluster", "1"), "--cluster is the number of nodes, 2 to 16 (got 1)",
                List.of("--cluster", "17"), "--cluster is the number of nodes, 2 to 16 (got 17)",
                List.of("--cluster", "two"), "Invalid value for option '--cluster'",
                List.of("--cluster", "2", "--scenario", "fanout,idle"), "--cluster runs fanout and saturate only",
                List.of("--cluster", "2", "--backends", "none", "--start-redis"),
                "--cluster needs a parley backend to cluster",
                List.of("--cluster", "2", "--server-args", "--data /tmp/x"), "--cluster keeps the history in Redis");
        for (Map.Entry<List<String>, String> r : refusals.entrySet()) {
            Outcome o = bench(dir, r.getKey().toArray(String[]::new));
            assertThat(o.exitCode()).as("%s", r.getKey()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(o.err().lines().findFirst().orElse("")).as("%s", r.getKey()).contains(r.getValue());
        }
        try (Stream<Path> made = Files.list(dir)) {
            assertThat(made).as("nothing started, no results folder").isEmpty();
        }
    }

    @Test
    void aClusterWithoutRedisServerFailsWithOneSentenceBeforeStartingAnything(@TempDir Path dir) throws Exception {
        Path emptyBin = Files.createDirectory(dir.resolve("bin"));
        Path out = dir.resolve("out");
        Outcome o = bench(Map.of("PATH", emptyBin.toString()), out, "--cluster", "2", "--backends", "selector");
        assertThat(o.exitCode()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(o.err()).isEqualTo("parley bench: --cluster needs redis-server, which is not installed here "
                + "(e.g. apt-get install redis-server)." + System.lineSeparator());
        assertThat(out).doesNotExist();
    }

    private static Path onlySubfolder(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Path results) throws Exception {
        Map<String, Object> json = JSON.std.mapFrom(Files.readString(results.resolve("results.json")));
        assertThat(json).containsKeys("machine", "command", "pinning", "rows", "runs");
        return (List<Map<String, Object>>) json.get("rows");
    }
}
