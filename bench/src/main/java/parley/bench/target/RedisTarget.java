package parley.bench.target;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import parley.bench.load.RedisAdapter;
import parley.bench.load.WireAdapter;

/**
 * Redis as a reference: one the user runs, or {@code redis-server} started by the bench on a free loopback
 * port (no persistence; the pub/sub output limit raised like parley's {@code --max-outbound}, or left at
 * Redis's default for the slow scenario), stopped after the run.
 */
public final class RedisTarget implements RunningTarget {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final InetSocketAddress address;
    private final ServerProcess process;
    private final OptionalLong pid;
    private final ProcReader proc = new ProcReader();

    private RedisTarget(InetSocketAddress address, ServerProcess process, OptionalLong pid) {
        this.address = address;
        this.process = process;
        this.pid = pid;
    }

    /** A Redis the user started: it must answer PING. */
    public static RedisTarget external(String host, int port) throws TargetUnavailable {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (!RedisProbe.ping(address)) {
            throw new TargetUnavailable("no Redis answers PING at " + host + ":" + port);
        }
        return new RedisTarget(address, null, RedisProbe.pid(address));
    }

    /** The {@code redis-server} binary on the PATH, if any. */
    public static Optional<Path> findBinary() {
        return findBinary(System.getenv());
    }

    /** The {@code redis-server} binary on the PATH of {@code environment}, if any. */
    public static Optional<Path> findBinary(Map<String, String> environment) {
        for (String dir : environment.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Starts {@code redis-server} on a free loopback port. */
    public static RedisTarget start(LaunchSettings launch, long maxOutboundBytes, String runName)
            throws TargetUnavailable, InterruptedException {
        Path binary = findBinary().orElseThrow(() -> new TargetUnavailable(
                "redis-server is not installed (e.g. apt-get install redis-server): Redis rows skipped"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new TargetUnavailable("no free port for redis-server: " + e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>(launch.cpuPrefix());
        cmd.addAll(List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no",
                "--loglevel", "warning", "--maxclients", "100000"));
        if (maxOutboundBytes > 0) {
            // Raised like parley's: a hard limit only (Redis's default is 32mb hard, 8mb soft for 60 s).
            cmd.addAll(List.of("--client-output-buffer-limit", "pubsub", Long.toString(maxOutboundBytes), "0", "0"));
        }
        ServerProcess p;
        try {
            p = ServerProcess.start(cmd, launch.logs(), runName);
        } catch (IOException e) {
            throw new TargetUnavailable("could not start redis-server: " + e.getMessage(), e);
        }
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        try {
            p.awaitReady(x -> RedisProbe.ping(address), launch.startTimeout());
        } catch (IOException e) {
            p.stop(Duration.ofSeconds(5));
            throw new TargetUnavailable("redis-server: " + e.getMessage(), e);
        }
        return new RedisTarget(address, p, OptionalLong.of(p.pid()));
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public WireAdapter adapter() {
        return new RedisAdapter();
    }

    @Override
    public Optional<ProcessSample> sample() {
        if (process != null) {
            return process.sample(proc);
        }
        return pid.isPresent() ? proc.sample(pid.getAsLong()) : Optional.empty();
    }

    @Override
    public String stop() {
        return process == null ? "" : process.stop(STOP_GRACE);
    }
}
