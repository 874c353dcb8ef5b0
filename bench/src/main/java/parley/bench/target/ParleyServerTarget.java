package parley.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import parley.bench.load.ParleyLineAdapter;
import parley.bench.load.WireAdapter;

/**
 * A parley backend in a JVM of its own:
 * {@code [taskset -c 1] java OPTIONS -cp CP parley.app.Parley server --backend NAME --host 127.0.0.1 --port 0
 * [--max-outbound SIZE --soft-outbound SIZE] [--rate-limit off --max-clients 0 --max-per-ip 0]
 * --data none|RUN-FOLDER}, ready when it
 * prints {@code listening on HOST:PORT backend=NAME}. Options the server does not list in its help are left
 * out, so the bench runs against older and newer servers alike.
 */
public final class ParleyServerTarget implements RunningTarget {

    /** The launcher's main class (the bench runs the same jar or class path). */
    public static final String MAIN_CLASS = "parley.app.Parley";

    private static final Pattern LISTENING = Pattern.compile("^listening on (\\S+):(\\d+) backend=(\\S+)$");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ServerProcess process;
    private final InetSocketAddress address;
    private final ProcReader proc = new ProcReader();
    private final HeapProbe heap;
    /** The run's own history folder ({@code NAME+store}), deleted when the server has stopped; else null. */
    private final Path historyDir;

    private ParleyServerTarget(ServerProcess process, InetSocketAddress address, HeapProbe heap, Path historyDir) {
        this.process = process;
        this.address = address;
        this.heap = heap;
        this.historyDir = historyDir;
    }

    /** Starts backend {@code spec}; the log files are named {@code runName}. */
    public static ParleyServerTarget start(TargetSpec.Backend spec, LaunchSettings launch, long maxOutboundBytes,
                                           String runName) throws TargetUnavailable, InterruptedException {
        String backend = spec.name();
        Path historyDir = null;
        if (spec.stored()) {
            try {
                // Beside the run's logs, fresh for every run: a run measures a store that starts empty.
                historyDir = Files.createTempDirectory(Files.createDirectories(launch.logs()), runName + "-history-");
            } catch (IOException e) {
                throw new TargetUnavailable("could not make a history folder for " + spec.label() + ": "
                        + e.getMessage(), e);
            }
        }
        List<String> cmd = new ArrayList<>(launch.cpuPrefix());
        cmd.add(launch.java());
        cmd.addAll(launch.jvmOptions());
        cmd.addAll(List.of("-cp", launch.classPath(), MAIN_CLASS, "server", "--backend", backend,
                "--host", "127.0.0.1", "--port", "0"));
        if (maxOutboundBytes > 0) {
            // Raised for the run: the hard limit, and the soft one (where the server has it) as high.
            cmd.addAll(List.of("--max-outbound", Long.toString(maxOutboundBytes)));
            if (launch.serverOptions().contains("--soft-outbound")) {
                cmd.addAll(List.of("--soft-outbound", Long.toString(maxOutboundBytes)));
            }
        }
        if (historyDir != null) {
            cmd.addAll(List.of("--data", historyDir.toString()));
        } else if (launch.serverOptions().contains("--data") && !launch.extraServerArgs().contains("--data")
                && !launch.extraServerArgs().contains("--cluster")) {
            // History in memory unless the run names a directory: a run must not write into the user's own
            // history file, nor wait for another server's lock on it. (A cluster node keeps it in Redis.)
            cmd.addAll(List.of("--data", "none"));
        }
        cmd.addAll(launch.extraServerArgs());
        ServerProcess p;
        try {
            p = ServerProcess.start(cmd, launch.logs(), runName);
        } catch (IOException e) {
            deleteQuietly(historyDir);
            throw new TargetUnavailable("could not start the " + backend + " server: " + e.getMessage(), e);
        }
        try {
            Matcher m = p.awaitLine(LISTENING, launch.startTimeout());
            return new ParleyServerTarget(p, new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(2))),
                    new HeapProbe(launch.java()), historyDir);
        } catch (IOException e) {
            p.stop(Duration.ofSeconds(5));
            deleteQuietly(historyDir);
            throw new TargetUnavailable("backend " + backend + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public WireAdapter adapter() {
        return new ParleyLineAdapter();
    }

    @Override
    public Optional<ProcessSample> sample() {
        return process.sample(proc);
    }

    @Override
    public OptionalLong openFiles() {
        return proc.openFiles(process.pid());
    }

    @Override
    public OptionalLong collectGarbage() throws InterruptedException {
        return heap.liveHeapBytes(process.pid());
    }

    @Override
    public String stop() {
        String how = process.stop(STOP_GRACE);
        deleteQuietly(historyDir);
        return how;
    }

    /** Deletes a run's history folder, if any: a saturate run leaves tens of MB. */
    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // What is left is in the run's logs folder, where the user sees it.
        }
    }
}
