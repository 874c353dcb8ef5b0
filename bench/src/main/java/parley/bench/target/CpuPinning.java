package parley.bench.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the server and the load generator off each other's core with {@code taskset}: the servers the bench
 * starts run on the last CPU, the bench itself (every thread) on the others. Undone at the end.
 */
public final class CpuPinning implements AutoCloseable {

    private final String restore;
    private final String loadCpus;
    private final String serverCpu;

    private CpuPinning(String restore, String loadCpus, String serverCpu) {
        this.restore = restore;
        this.loadCpus = loadCpus;
        this.serverCpu = serverCpu;
    }

    /** Pins this process when {@code taskset} exists and there are at least 2 CPUs; else empty (and why). */
    public static Optional<CpuPinning> pinSelf(StringBuilder why) {
        int cpus = Runtime.getRuntime().availableProcessors();
        Optional<Path> taskset = Optional.of(Path.of("/usr/bin/taskset")).filter(Files::isExecutable);
        if (taskset.isEmpty() || cpus < 2) {
            why.append(taskset.isEmpty() ? "taskset not found" : "only one CPU");
            return Optional.empty();
        }
        long pid = ProcessHandle.current().pid();
        try {
            String current = run(List.of("taskset", "-c", "-p", Long.toString(pid)));
            String restore = current.substring(current.lastIndexOf(':') + 1).trim();
            String load = cpus == 2 ? "0" : "0-" + (cpus - 2);
            String server = Integer.toString(cpus - 1);
            run(List.of("taskset", "-a", "-c", "-p", load, Long.toString(pid)));
            return Optional.of(new CpuPinning(restore, load, server));
        } catch (IOException e) {
            why.append("taskset failed: ").append(e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why.append("interrupted");
            return Optional.empty();
        }
    }

    /** What to put before a server command. */
    public List<String> serverPrefix() {
        return List.of("taskset", "-c", serverCpu);
    }

    public String describe() {
        return "pinned with taskset: servers on CPU " + serverCpu + ", load generator on CPU " + loadCpus;
    }

    @Override
    public void close() {
        try {
            run(List.of("taskset", "-a", "-c", "-p", restore, Long.toString(ProcessHandle.current().pid())));
        } catch (IOException e) {
            // the process ends soon anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": " + out.trim());
        }
        return out;
    }
}
