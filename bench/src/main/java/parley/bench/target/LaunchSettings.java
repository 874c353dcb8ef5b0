package parley.bench.target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the bench starts the servers it measures; the same for every backend so rows compare.
 *
 * @param java          the java launcher
 * @param jvmOptions    heap, GC and any other JVM flags, identical for every backend
 * @param classPath     where {@code parley.app.Parley} is (the bench's own class path)
 * @param cpuPrefix     e.g. {@code taskset -c 1}: put before every server command; empty for no pinning
 * @param logs          where the servers' stdout and stderr go
 * @param extraServerArgs  added to every {@code parley server} command (e.g. {@code --rate-limit off})
 * @param serverOptions the options {@code parley server --help} lists (newer servers have more)
 * @param startTimeout  how long a server may take to say it listens
 */
public record LaunchSettings(String java, List<String> jvmOptions, String classPath, List<String> cpuPrefix,
                             Path logs, List<String> extraServerArgs, Set<String> serverOptions,
                             Duration startTimeout) {

    /**
     * Limits raised for a run, where the server has them: no rate limit, no connection caps, no limit on how
     * fast connections arrive (idle and lobby open thousands from one address), no idle timeout.
     */
    public static final List<List<String>> RAISED = List.of(List.of("--rate-limit", "off"),
            List.of("--max-clients", "0"), List.of("--max-per-ip", "0"), List.of("--max-connect-rate", "off"),
            List.of("--max-connect-rate-per-ip", "off"), List.of("--max-connect-rate-per-net", "off"),
            List.of("--idle-timeout", "0"));

    /** The same with {@code args} added to every server command (e.g. a cluster node's {@code --cluster}). */
    public LaunchSettings withServerArgs(List<String> args) {
        List<String> all = new ArrayList<>(extraServerArgs);
        all.addAll(args);
        return new LaunchSettings(java, jvmOptions, classPath, cpuPrefix, logs, List.copyOf(all), serverOptions,
                startTimeout);
    }

    /** The same without the {@link #RAISED} limits: a server with its limits as shipped, plus the user's own args. */
    public LaunchSettings asShipped() {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < extraServerArgs.size(); i++) {
            if (i + 1 < extraServerArgs.size() && RAISED.contains(extraServerArgs.subList(i, i + 2))) {
                i++; // a raised limit and its value
            } else {
                args.add(extraServerArgs.get(i));
            }
        }
        return new LaunchSettings(java, jvmOptions, classPath, cpuPrefix, logs, List.copyOf(args), serverOptions,
                startTimeout);
    }
}
