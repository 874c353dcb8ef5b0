package parley.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server the bench started as a process of its own: its output goes to log files, it is ready when a line
 * appears there (or a probe says so), and it is stopped with SIGTERM, then waited for.
 *
 * <pre>
 *  start(command) --&gt; process --stdout--&gt; NAME.out  (awaitLine: the "listening on" line)
 *                            --stderr--&gt; NAME.err
 *  stop(): SIGTERM, wait (bounded), SIGKILL if it is still there
 *  the bench ends first (Ctrl-C, SIGTERM, an error): a shutdown hook does the same, so nothing is left running
 * </pre>
 */
public final class ServerProcess {

    private static final long POLL_MILLIS = 20;
    /** How long a server may take to stop when the bench itself is being stopped. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Thread onExit;

    private ServerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        // The servers are child processes, which outlive a JVM that exits; a bench stopped with Ctrl-C (or
        // kill) must not leave nodes and redis-servers behind. Removed again by stop().
        this.onExit = new Thread(() -> terminate(EXIT_GRACE), "bench-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Starts {@code command} with its output in {@code logs/NAME.out} and {@code logs/NAME.err}. */
    public static ServerProcess start(List<String> command, Path logs, String name) throws IOException {
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ServerProcess(p, out, err);
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Waits until a line of stdout matches {@code pattern}.
     *
     * @throws IOException when the process exits first or the time runs out (with the end of its stderr)
     */
    public Matcher awaitLine(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(stdout)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + ": " + tail());
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IOException("the server did not say it was ready within " + timeout.toSeconds() + " s: " + tail());
    }

    /** Waits until {@code ready} is true (e.g. a PING answered), polling. */
    public void awaitReady(Predicate<ServerProcess> ready, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.test(this)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + ": " + tail());
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IOException("the server was not ready within " + timeout.toSeconds() + " s: " + tail());
    }

    public Optional<ProcessSample> sample(ProcReader proc) {
        return process.isAlive() ? proc.sample(process.pid()) : Optional.empty();
    }

    /** SIGTERM, then waits up to {@code grace}; kills it if it is still running. Returns how it ended. */
    public String stop(Duration grace) {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook is stopping it too, and both may
        }
        return terminate(grace);
    }

    private String terminate(Duration grace) {
        if (!process.isAlive()) {
            return "had exited with " + process.exitValue();
        }
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                int code = process.exitValue();
                return code == 0 ? "" : "exited with " + code + " on SIGTERM";
            }
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return "killed: still running " + grace.toSeconds() + " s after SIGTERM";
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return "killed (interrupted)";
        }
    }

    /** The last lines of stderr, for error messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(stderr);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no stderr)";
        }
    }
}
