package parley.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import parley.bench.report.ChartWriter;
import parley.bench.report.CsvWriter;
import parley.bench.report.JsonWriter;
import parley.bench.report.Medians;
import parley.bench.report.Result;
import parley.bench.report.TableWriter;
import parley.bench.target.CpuPinning;
import parley.bench.target.LaunchSettings;
import parley.bench.target.ParleyServerTarget;
import parley.bench.target.RedisTarget;
import parley.bench.target.TargetSpec;
import parley.bench.target.TargetStarter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley bench}: measures the backends (and Redis, and any text-protocol server) under the same load.
 *
 * <pre>
 *  options --&gt; targets x scenarios x repeats --&gt; BenchRunner (a server process per run; load from here)
 *          --&gt; Results --&gt; Medians --&gt; table on stdout
 *                                   --&gt; bench-results/TIMESTAMP/results.json, results.csv, chart.png, logs/
 * </pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the chat servers: fanout latency, saturation throughput, idle connections and "
                + "slow consumers, against each backend (each in its own JVM) and optionally Redis.",
            "Progress goes to stderr, the table to stdout, everything to bench-results/TIMESTAMP/.",
            "Load goes only to loopback addresses; every run is bounded in time."})
public final class BenchCommand implements Callable<Integer> {

    /** What {@code ./parley server} runs with when PARLEY_JAVA_OPTS is not set (the script says why). */
    static final String LAUNCHER_SERVER_JVM_OPTS =
            "-Xms16m -Xmx1g -XX:+UseG1GC -XX:G1PeriodicGCInterval=30000 -XX:-G1PeriodicGCInvokesConcurrent"
                    + " -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:GCTimeRatio=4";

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private LoadOptions load = new LoadOptions();

    @Mixin
    private StormOptions storm = new StormOptions();

    @Option(names = "--backends", paramLabel = "LIST", defaultValue = "selector,threaded", split = ",",
            description = "parley backends to start and measure, or 'none'; NAME+store (e.g. selector+store) runs "
                    + "NAME with its history in a SQLite file of its own, next to NAME in memory. "
                    + "Default: ${DEFAULT-VALUE}.")
    private List<String> backends;

    @Option(names = "--target", paramLabel = "URL",
            description = "Also measure a running server: redis://HOST:PORT or line://HOST:PORT (loopback only). "
                    + "Repeatable.")
    private List<String> targets = new ArrayList<>();

    @Option(names = "--start-redis", description = "Start redis-server (if installed) on a free port for each run "
            + "and measure it as a reference; its rows are skipped with a note when it is not installed.")
    private boolean startRedis;

    @Option(names = "--scenario", paramLabel = "LIST", defaultValue = "fanout,saturate,idle,lobby,slow", split = ",",
            description = "Scenarios to run: fanout, saturate, idle, lobby, slow, storm. Default: ${DEFAULT-VALUE} "
                    + "(with --cluster: fanout,saturate).")
    private List<String> scenarios;

    @Option(names = "--cluster", paramLabel = "N",
            description = "Also measure each backend as a cluster of N nodes (2 to " + ClusterChoice.MAX_NODES
                    + ") on this machine, with a redis-server of its own (must be installed): clients spread "
                    + "round-robin over the nodes, latencies of the deliveries that cross nodes, next to the "
                    + "single-node row. Runs fanout and saturate.")
    private Integer clusterNodes;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Runs of each target and scenario; the table shows medians. Default: ${DEFAULT-VALUE}.")
    private int repeat;

    @Option(names = "--max-outbound", paramLabel = "SIZE", defaultValue = "64MiB", converter = ByteSize.class,
            description = "The servers' per-client output limit, raised for the run. Default: ${DEFAULT-VALUE}.")
    private long maxOutbound;

    @Option(names = "--slow-max-outbound", paramLabel = "SIZE", converter = ByteSize.class,
            description = "The output limit in the slow scenario. Default: each server's own default "
                    + "(parley: 1MiB hard, 256KiB soft for 10 s; Redis: 32mb hard, 8mb soft for 60 s), so the "
                    + "slow-consumer policy as shipped is what is measured.")
    private long slowMaxOutbound;

    // Heap flags, the same for every backend: by default the ones `./parley server` runs with (the launcher
    // passes them in PARLEY_SERVER_JVM_OPTS), so a run measures what a user gets. The fallback, for a bench
    // started without the launcher, is the same list.
    @Option(names = "--server-jvm-opts", paramLabel = "OPTS",
            defaultValue = "${env:PARLEY_SERVER_JVM_OPTS:-" + LAUNCHER_SERVER_JVM_OPTS + "}",
            description = "JVM flags for every backend's server, the same for each. Default: the launcher's "
                    + "(${DEFAULT-VALUE}).")
    private String serverJvmOpts;

    @Option(names = "--server-args", paramLabel = "ARGS",
            description = "More options for every parley server, e.g. \"--data /tmp/parley-bench\" to measure with "
                    + "the history in a SQLite file (by default the bench runs them with --data none).")
    private String serverArgs;

    @Option(names = "--server-java", paramLabel = "PATH",
            description = "The java that runs the servers. Default: the one running the bench.")
    private String serverJava;

    @Option(names = "--jfr", description = "Record a JFR profile of every server run into the results folder.")
    private boolean jfr;

    @Option(names = "--pin", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Pin the servers and the load generator to different CPUs with taskset (default: on).")
    private boolean pin;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Redraw a progress line on stderr (default: on).")
    private boolean showProgress;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where the results folder is made. Default: ${DEFAULT-VALUE}.")
    private Path out;

    /** Where redis-server is looked for (--cluster needs it): the PATH of this environment. */
    private final Map<String, String> environment;

    /** picocli needs a public no-arg constructor to instantiate the subcommand. */
    public BenchCommand() {
        this(System.getenv());
    }

    /** With the environment whose PATH is searched for redis-server (tests give one without it). */
    BenchCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        CommandLine cl = spec.commandLine();
        PrintWriter stdout = cl.getOut();
        PrintWriter stderr = cl.getErr();
        String problem = load.problem() != null ? load.problem() : storm.problem();
        if (problem != null) {
            throw new CommandLine.ParameterException(cl, problem);
        }
        if (repeat < 1 || repeat > 99) {
            throw new CommandLine.ParameterException(cl, "--repeat must be 1 to 99");
        }
        ClusterChoice clusterChoice = new ClusterChoice(clusterNodes,
                cl.getParseResult().hasMatchedOption("--scenario"));
        List<Scenario> chosen = clusterChoice.scenarios(cl, parseScenarios(cl));
        List<TargetSpec> specs = clusterChoice.targets(cl, parseTargets(cl), serverArgs);
        if (clusterChoice.wanted() && RedisTarget.findBinary(environment).isEmpty()) {
            stderr.println("parley bench: --cluster needs redis-server, which is not installed here "
                    + "(e.g. apt-get install redis-server).");
            stderr.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }

        Path dir = out.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        Progress progress = new Progress(stderr, showProgress);
        Map<String, Object> machine = Machine.describe(); // before pinning: the JVM counts only the CPUs it may use
        StringBuilder whyNotPinned = new StringBuilder();
        Optional<CpuPinning> pinning = pin ? CpuPinning.pinSelf(whyNotPinned) : Optional.empty();
        String pinningNote = pinning.map(CpuPinning::describe)
                .orElse("not pinned (" + (pin ? whyNotPinned : "--no-pin") + ")")
                + clusterChoice.pinningNote(pinning.isPresent());
        progress.note("parley bench: " + Machine.oneLine(machine) + "; " + pinningNote);
        try {
            LaunchSettings launch = launchSettings(dir, pinning, specs);
            BenchRunner runner = new BenchRunner(new TargetStarter(launch), load.workload(), storm.load(), progress, maxOutbound,
                    slowMaxOutbound);
            List<Result> runs = runner.run(specs, chosen, repeat);
            List<Result> rows = Medians.of(runs);

            Map<String, Object> header = new LinkedHashMap<>();
            header.put("machine", machine);
            header.put("command", commandLine(cl));
            header.put("pinning", pinningNote);
            header.put("server_jvm_options", launch.jvmOptions());
            header.put("server_args", launch.extraServerArgs());
            header.put("repeats", repeat);
            JsonWriter.write(dir.resolve("results.json"), header, rows, runs);
            CsvWriter.write(dir.resolve("results.csv"), rows);
            CsvWriter.write(dir.resolve("runs.csv"), runs);
            ChartWriter.write(dir.resolve("chart.png"), rows);

            String table = TableWriter.render(rows);
            Files.writeString(dir.resolve("table.md"), table, StandardCharsets.UTF_8);
            stdout.println(table);
            stdout.println("results: " + dir.toAbsolutePath());
            stdout.flush();
            return CommandLine.ExitCode.OK;
        } finally {
            pinning.ifPresent(CpuPinning::close);
        }
    }

    /** {@code parley bench ARGS} as typed (the parent's arguments, if any, left out). */
    private static String commandLine(CommandLine cl) {
        List<String> args = cl.getParseResult().originalArgs();
        int own = cl.getParent() == null ? 0 : args.indexOf(cl.getCommandName()) + 1;
        return "parley bench " + String.join(" ", args.subList(Math.max(0, own), args.size()));
    }

    private List<Scenario> parseScenarios(CommandLine cl) {
        List<Scenario> chosen = new ArrayList<>();
        for (String s : scenarios) {
            try {
                Scenario sc = Scenario.parse(s);
                if (!chosen.contains(sc)) {
                    chosen.add(sc);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        }
        return chosen;
    }

    private List<TargetSpec> parseTargets(CommandLine cl) {
        List<TargetSpec> specs = new ArrayList<>();
        for (String b : backends) {
            String name = b.trim();
            if (!name.isEmpty() && !name.equals("none")) {
                specs.add(TargetSpec.Backend.parse(name));
            }
        }
        for (String t : targets) {
            try {
                specs.add(TargetSpec.parse(t));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        }
        if (startRedis) {
            specs.add(new TargetSpec.Redis("127.0.0.1", 0, true));
        }
        if (specs.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "nothing to measure: name --backends, --target or --start-redis");
        }
        boolean stored = specs.stream().anyMatch(s -> s instanceof TargetSpec.Backend b && b.stored());
        if (stored && ClusterChoice.namesData(serverArgs)) {
            throw new CommandLine.ParameterException(cl, "a backend named NAME" + TargetSpec.Backend.STORED
                    + " gets a history folder of its own for each run: leave --data out of --server-args");
        }
        return specs;
    }

    private LaunchSettings launchSettings(Path dir, Optional<CpuPinning> pinning, List<TargetSpec> specs)
            throws InterruptedException {
        String java = serverJava != null ? serverJava
                : ProcessHandle.current().info().command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvm = new ArrayList<>(Arrays.asList(serverJvmOpts.trim().split("\\s+")));
        jvm.removeIf(String::isEmpty);
        jvm.add("-Djava.awt.headless=true");
        if (jfr) {
            // One recording per server process, written when it exits (SIGTERM ends it cleanly).
            jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + dir.resolve("logs").toAbsolutePath() + "/");
        }
        String classPath = System.getProperty("java.class.path");
        Set<String> listed = specs.stream().anyMatch(s -> s instanceof TargetSpec.Backend)
                ? serverOptions(java, classPath) : Set.of();
        List<String> extra = new ArrayList<>();
        for (List<String> raise : LaunchSettings.RAISED) {
            if (listed.contains(raise.get(0))) {
                extra.addAll(raise);
            }
        }
        if (serverArgs != null) {
            Arrays.stream(serverArgs.trim().split("\\s+")).filter(a -> !a.isEmpty()).forEach(extra::add);
        }
        return new LaunchSettings(java, jvm, classPath, pinning.map(CpuPinning::serverPrefix).orElse(List.of()),
                dir.resolve("logs"), extra, listed, Duration.ofSeconds(60));
    }

    /** The options {@code parley server --help} lists (later servers add --rate-limit, --max-per-ip, ...). */
    private static Set<String> serverOptions(String java, String classPath) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(java, "-cp", classPath, ParleyServerTarget.MAIN_CLASS, "server", "--help")
                    .redirectErrorStream(true).start();
            String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Set.of();
            }
            Set<String> options = new TreeSet<>();
            Matcher m = Pattern.compile("(--[a-z][a-z0-9-]*)").matcher(help);
            while (m.find()) {
                options.add(m.group(1));
            }
            return options;
        } catch (IOException e) {
            return Set.of();
        }
    }
}
