package parley.bench.target;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import parley.bench.load.ParleyLineAdapter;
import parley.bench.load.WireAdapter;

/**
 * A cluster on this machine: one {@code redis-server} on a free port and N parley servers of one backend,
 * each {@code parley server --cluster redis://127.0.0.1:PORT --node nK} on a port of its own, all started for
 * one run with the same launch settings (JVM flags, CPU pinning) as a single server, and stopped after it.
 *
 * <pre>
 *  start: redis-server (PING) --&gt; node n1 .. nN (each: "listening on"), in turn
 *  clients: round-robin over the nodes' addresses
 *  sample(): every process added up (CPU, RSS, threads); parts(): each of them by name
 *  stop(): the nodes first (each appends what waits), then redis-server
 * </pre>
 */
public final class ClusterTarget implements RunningTarget {

    /** The name of the redis-server in {@link #parts()}. */
    private static final String REDIS = "redis-server";

    private final RedisTarget redis;
    private final List<ParleyServerTarget> nodes;

    private ClusterTarget(RedisTarget redis, List<ParleyServerTarget> nodes) {
        this.redis = redis;
        this.nodes = nodes;
    }

    /**
     * Starts redis-server, then {@code count} nodes of {@code backend}; on any failure stops what it started.
     *
     * @throws TargetUnavailable when redis-server is not installed or a process does not come up
     */
    public static ClusterTarget start(String backend, int count, LaunchSettings launch, long maxOutboundBytes,
                                      String runName) throws TargetUnavailable, InterruptedException {
        RedisTarget redis = RedisTarget.start(launch, 0, runName + "-redis");
        List<ParleyServerTarget> nodes = new ArrayList<>();
        try {
            String url = "redis://127.0.0.1:" + redis.address().getPort();
            for (int n = 1; n <= count; n++) {
                LaunchSettings node = launch.withServerArgs(List.of("--cluster", url, "--node", nodeName(n)));
                nodes.add(ParleyServerTarget.start(new TargetSpec.Backend(backend), node, maxOutboundBytes,
                        runName + "-" + nodeName(n)));
            }
            return new ClusterTarget(redis, List.copyOf(nodes));
        } catch (TargetUnavailable | InterruptedException | RuntimeException e) {
            nodes.forEach(ParleyServerTarget::stop);
            redis.stop();
            throw e;
        }
    }

    /** {@code n1}, {@code n2}, ...: unique within the run's own Redis, which is all they need to be. */
    static String nodeName(int n) {
        return "n" + n;
    }

    @Override
    public InetSocketAddress address() {
        return nodes.get(0).address();
    }

    @Override
    public List<InetSocketAddress> addresses() {
        return nodes.stream().map(ParleyServerTarget::address).toList();
    }

    @Override
    public WireAdapter adapter() {
        return new ParleyLineAdapter();
    }

    /** All processes added up; empty when any of them is gone (a sum without it would mislead). */
    @Override
    public Optional<ProcessSample> sample() {
        Map<String, ProcessSample> parts = parts();
        if (parts.size() < nodes.size() + 1) {
            return Optional.empty();
        }
        long cpu = 0;
        long rss = 0;
        long peak = 0;
        int threads = 0;
        for (ProcessSample s : parts.values()) {
            cpu += s.cpuNanos();
            rss += s.rssBytes();
            peak += s.peakRssBytes();
            threads += s.threads();
        }
        return Optional.of(new ProcessSample(cpu, rss, peak, threads));
    }

    @Override
    public Map<String, ProcessSample> parts() {
        Map<String, ProcessSample> parts = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String name = nodeName(i + 1);
            nodes.get(i).sample().ifPresent(s -> parts.put(name, s));
        }
        redis.sample().ifPresent(s -> parts.put(REDIS, s));
        return parts;
    }

    /** The nodes first, so each can still append what it holds; Redis last. */
    @Override
    public String stop() {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String how = nodes.get(i).stop();
            if (!how.isEmpty()) {
                notes.add(nodeName(i + 1) + " " + how);
            }
        }
        String how = redis.stop();
        if (!how.isEmpty()) {
            notes.add(REDIS + " " + how);
        }
        return String.join("; ", notes);
    }
}
