package parley.bench.target;

import java.nio.file.Path;
import java.time.Duration;
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

    /** The same without the extra arguments: a server with its limits as shipped. */
    public LaunchSettings asShipped() {
        return new LaunchSettings(java, jvmOptions, classPath, cpuPrefix, logs, List.of(), serverOptions,
                startTimeout);
    }
}
